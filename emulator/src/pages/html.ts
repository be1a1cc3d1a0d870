/**
 * The emulator's own pages: the applicant's validationLink (enrolment) and the WebSDK link
 * (a face-authorization action). Both run the `<face-auth>` capture from the built CDN module
 * (served at /widget/ from dist/); a file input stays as the fallback for a device without a
 * camera, or when the widget is not built.
 */

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** JSON safe to inline in a <script type="application/json"> element. */
const inlineJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

const shell = (title: string, body: string, lang = 'en'): string => `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; }
  output { display: block; margin-top: 1rem; white-space: pre-wrap; }
  button { font: inherit; padding: .4rem 1rem; }
  section { margin-top: 1.5rem; }
  h2 { font-size: 1rem; }
  .note { color: #555; font-size: .9em; }
</style>
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
}): string {
  if (p.completed) {
    return shell(
      'Verification',
      `<h1>Verification</h1><p>This verification is closed (${esc(p.statusName)}).</p>`,
    );
  }
  const { widget } = p;
  // The validationLink has no locale parameter: the page and the widget are in English.
  const locale = 'en';
  return shell(
    'Verification',
    `<h1>Verification</h1>
<p>Take a selfie: your face alone, well lit, looking at the camera.</p>
${widgetBlock(widget, `locale="${esc(locale)}"`)}
<section aria-labelledby="fallback">
<h2 id="fallback">${widget.script ? 'No camera? Send a photo file instead' : 'Send a photo file'}</h2>
<form id="f">
  <label>Photo <input id="photo" name="image" type="file" accept="image/jpeg,image/png,image/webp" capture="user" required></label>
  <button type="submit">Send</button>
</form>
</section>
<output id="out" aria-live="polite"></output>
<script type="application/json" id="cfg">${inlineJson({ requestId: p.requestId, callbackUrl: p.callbackUrl })}</script>
<script type="module">
  const cfg = JSON.parse(document.getElementById('cfg').textContent);
  const out = document.getElementById('out');
  // The same endpoint for the camera photo and the file: each submission is one attempt.
  async function send(image, name) {
    const fd = new FormData();
    fd.append('image', image, name);
    out.textContent = 'Checking…';
    out.dataset.state = 'checking';
    try {
      const res = await fetch('/embedded/attempts?requestId=' + encodeURIComponent(cfg.requestId), { method: 'POST', body: fd });
      const j = await res.json();
      if (!res.ok) { out.textContent = j.description; out.dataset.state = 'error'; return j; }
      out.dataset.state = j.status === 1 ? 'verified' : j.attempt.status === 1 ? 'checking' : 'rejected';
      out.textContent = j.status === 1 ? 'Verified. You can close this page.'
        : j.attempt.status === 1 ? 'Still checking; reload this page later.'
        : 'Not accepted (' + j.statusName + '). Try another photo.';
      // Only http(s): the API refuses other schemes, and the page does not trust that alone.
      const next = cfg.callbackUrl ? new URL(cfg.callbackUrl, location.href) : null;
      if (j.status === 1 && next && (next.protocol === 'http:' || next.protocol === 'https:')) location.assign(next.href);
      return j;
    } catch (err) {
      out.textContent = 'Could not send the photo: ' + (err && err.message || err);
      out.dataset.state = 'error';
    }
  }
  document.getElementById('f').addEventListener('submit', (e) => {
    e.preventDefault();
    void send(document.getElementById('photo').files[0], 'photo');
  });
  const widget = document.getElementById('widget');
  if (widget) {
    // Capture only (no token-url): the photo goes to the enrolment endpoint, not to an action.
    widget.addEventListener('face-auth-capture', (e) => void send(e.detail.image, 'selfie.jpg'));
  }
</script>`,
    locale,
  );
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
<script type="module">
  const cfg = JSON.parse(document.getElementById('cfg').textContent);
  const out = document.getElementById('out');
  const widget = document.getElementById('widget');
  if (widget) {
    // The link carries the access token (minted for its applicant and externalActionId), so the
    // page needs no token-url: the element asks this function instead.
    widget.accessTokenProvider = async () => ({ token: cfg.accessToken, externalActionId: cfg.externalActionId });
    widget.addEventListener('face-auth-action-result', (e) => {
      out.dataset.answer = e.detail.answer ?? 'onHold';
      out.dataset.actionId = e.detail.actionId;
      out.textContent = 'Review: ' + e.detail.reviewStatus + (e.detail.answer ? ' ' + e.detail.answer : '');
    });
    widget.addEventListener('face-auth-error', (e) => { out.textContent = e.detail.message; });
    customElements.whenDefined('face-auth').then(() => widget.start());
  }
  async function call(method, path, body) {
    const headers = { 'X-Access-Token': cfg.accessToken };
    if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const res = await fetch(cfg.apiBase + path, { method, headers, body: body instanceof FormData ? body : body && JSON.stringify(body) });
    const j = await res.json();
    if (!res.ok) throw new Error(j.description);
    return j;
  }
  document.getElementById('f').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      out.textContent = 'Sending…';
      const action = await call('POST', '/resources/applicantActions/-/forApplicant/-?levelName=' + encodeURIComponent(cfg.levelName), { externalActionId: cfg.externalActionId });
      const fd = new FormData();
      fd.append('metadata', JSON.stringify({ idDocType: 'SELFIE', country: 'XXX' }));
      fd.append('content', document.getElementById('photo').files[0]);
      await call('POST', '/resources/applicantActions/' + action.id + '/images', fd);
      await call('POST', '/resources/applicantActions/' + action.id + '/review/status/pending');
      for (let i = 0; i < 120; i++) {
        const a = await call('GET', '/resources/applicantActions/' + action.id + '/one');
        out.textContent = 'Review: ' + a.review.reviewStatus + (a.review.reviewResult ? ' ' + a.review.reviewResult.reviewAnswer : '');
        if (a.review.reviewStatus === 'completed' || a.review.reviewStatus === 'onHold') return;
        await new Promise((r) => setTimeout(r, 1000));
      }
    } catch (err) { out.textContent = String(err.message || err); }
  });
</script>`,
    p.locale,
  );
}
