/**
 * The emulator's own pages: the applicant's validationLink (enrolment) and the WebSDK link
 * (a face-authorization action). Both run the `<face-auth>` capture from the built CDN module
 * (served at /widget/ from dist/); a file input stays as the fallback for a device without a
 * camera, or when the widget is not built. Their script and style are files (./assets/), their
 * settings a JSON data block: a strict CSP (./security.ts) allows nothing inline.
 */

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** JSON safe to inline in a <script type="application/json"> element. */
const inlineJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/** The pages' own files (served by ./security.ts): no inline script or style, for their CSP. */
export const PAGE_ASSETS = '/pages';

const shell = (title: string, body: string, lang = 'en'): string => `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${PAGE_ASSETS}/page.css">
</head>
<body>
${body}
</body>
</html>`;

export function messagePage(title: string, text: string): string {
  return shell(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`);
}

/** Where the widget comes from, or why there is none. */
export interface WidgetSource {
  /** URL of the `<face-auth>` ES module (defines the element), or null. */
  script: string | null;
  /** Shown when `script` is null. */
  missingReason?: string;
}

/** The element's tag, or the note that explains the file-only page. */
function widgetBlock(w: WidgetSource, attrs: string): string {
  if (!w.script) {
    return `<p class="note" id="no-widget">${esc(w.missingReason ?? 'The camera widget is not available.')}</p>`;
  }
  return `<script type="module" src="${esc(w.script)}"></script>
<face-auth id="widget" ${attrs}></face-auth>`;
}

export function enrolmentPage(p: {
  requestId: string;
  statusName: string;
  completed: boolean;
  callbackUrl: string | null;
  widget: WidgetSource;
  /** The account's enrolment liveness (`applicants.liveness`); off when absent. */
  liveness?: { required: boolean; reflection: boolean };
}): string {
  if (p.completed) {
    return shell(
      'Verification',
      `<h1>Verification</h1><p>This verification is closed (${esc(p.statusName)}).</p>`,
    );
  }
  const { widget } = p;
  const live = p.liveness?.required === true;
  // The validationLink has no locale parameter: the page and the widget are in English.
  const locale = 'en';
  const attrs = live
    ? `locale="${esc(locale)}" liveness="${p.liveness?.reflection === false ? 'turns' : 'full'}"`
    : `locale="${esc(locale)}"`;
  return shell(
    'Verification',
    `<h1>Verification</h1>
<p>Take a selfie: your face alone, well lit, looking at the camera.</p>
${live ? '<p>Then follow the prompts for a few seconds (the screen changes colour, then you turn your head), so the check knows a live person is in front of the camera.</p>' : ''}
${widgetBlock(widget, attrs)}
${live ? livenessOnlyNote(widget) : fileFallback(widget)}
<p><button type="button" id="again" hidden>Try again</button></p>
<output id="out" aria-live="polite"></output>
<script type="application/json" id="cfg">${inlineJson({ requestId: p.requestId, callbackUrl: p.callbackUrl, liveness: live ? p.liveness : null })}</script>
<script type="module" src="${PAGE_ASSETS}/enrolment.js"></script>`,
    locale,
  );
}

/** The photo-file form, for a device without a camera, when the account does not ask for liveness. */
function fileFallback(widget: WidgetSource): string {
  return `<section aria-labelledby="fallback">
<h2 id="fallback">${widget.script ? 'No camera? Send a photo file instead' : 'Send a photo file'}</h2>
<form id="f">
  <label>Photo <input id="photo" name="image" type="file" accept="image/jpeg,image/png,image/webp" capture="user" required></label>
  <button type="submit">Send</button>
</form>
</section>`;
}

/**
 * With liveness required a photo file proves nothing about who is in front of the camera, so the
 * page offers none (and the server refuses an attempt without the clips: 400 1040).
 */
function livenessOnlyNote(widget: WidgetSource): string {
  return `<p class="note" id="camera-only">${
    widget.script
      ? 'This check needs a camera: a photo file cannot be sent instead.'
      : 'This check needs a camera and the camera widget, which is missing here: it cannot be done on this page.'
  }</p>`;
}

export function websdkPage(p: {
  apiBase: string;
  accessToken: string;
  levelName: string;
  externalActionId: string;
  locale: string;
  widget?: WidgetSource;
  /** Legacy config `websdk.widgetScript`: wins over the built widget when set. */
  widgetScript?: string | null;
}): string {
  const widget: WidgetSource = p.widgetScript
    ? { script: p.widgetScript }
    : (p.widget ?? { script: null });
  const cfg = {
    apiBase: p.apiBase,
    accessToken: p.accessToken,
    levelName: p.levelName,
    externalActionId: p.externalActionId,
  };
  return shell(
    'Face authorization',
    `<h1>Face authorization</h1>
${widgetBlock(
  widget,
  `locale="${esc(p.locale)}" api-base-url="${esc(p.apiBase)}" level-name="${esc(p.levelName)}" external-action-id="${esc(p.externalActionId)}"`,
)}
<section aria-labelledby="fallback">
<h2 id="fallback">${widget.script ? 'No camera? Send a photo file instead' : 'Send a photo file'}</h2>
<form id="f">
  <label>Selfie <input id="photo" type="file" accept="image/jpeg,image/png,image/webp" capture="user" required></label>
  <button type="submit">Send</button>
</form>
</section>
<output id="out" aria-live="polite"></output>
<script type="application/json" id="cfg">${inlineJson(cfg)}</script>
<script type="module" src="${PAGE_ASSETS}/websdk.js"></script>`,
    p.locale,
  );
}
