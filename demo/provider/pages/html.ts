/**
 * The emulator's own pages. Until the `<face-auth>` widget exists they take a photo from a file
 * input; the WebSDK page then drives the same access-token API the widget will use.
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
</style>
</head>
<body>
${body}
</body>
</html>`;

export function messagePage(title: string, text: string): string {
  return shell(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`);
}

export function enrolmentPage(p: {
  requestId: string;
  statusName: string;
  completed: boolean;
  callbackUrl: string | null;
}): string {
  if (p.completed) {
    return shell(
      'Verification',
      `<h1>Verification</h1><p>This verification is closed (${esc(p.statusName)}).</p>`,
    );
  }
  return shell(
    'Verification',
    `<h1>Verification</h1>
<p>Take a selfie: your face alone, well lit, looking at the camera.</p>
<form id="f">
  <label>Photo <input id="photo" name="image" type="file" accept="image/jpeg,image/png,image/webp" capture="user" required></label>
  <button type="submit">Send</button>
</form>
<output id="out" aria-live="polite"></output>
<script type="application/json" id="cfg">${inlineJson(p)}</script>
<script type="module">
  const cfg = JSON.parse(document.getElementById('cfg').textContent);
  const out = document.getElementById('out');
  document.getElementById('f').addEventListener('submit', async (e) => {
    e.preventDefault();
    const fd = new FormData();
    fd.append('image', document.getElementById('photo').files[0]);
    out.textContent = 'Checking…';
    const res = await fetch('/embedded/attempts?requestId=' + encodeURIComponent(cfg.requestId), { method: 'POST', body: fd });
    const j = await res.json();
    if (!res.ok) { out.textContent = j.description; return; }
    out.textContent = j.status === 1 ? 'Verified. You can close this page.'
      : j.attempt.status === 1 ? 'Still checking; reload this page later.'
      : 'Not accepted (' + j.statusName + '). Try another photo.';
    if (j.status === 1 && cfg.callbackUrl) location.assign(cfg.callbackUrl);
  });
</script>`,
  );
}

export function websdkPage(p: {
  apiBase: string;
  accessToken: string;
  levelName: string;
  externalActionId: string;
  locale: string;
  widgetScript: string | null;
}): string {
  return shell(
    'Face authorization',
    `<h1>Face authorization</h1>
${p.widgetScript ? `<script type="module" src="${esc(p.widgetScript)}"></script>` : ''}
<form id="f">
  <label>Selfie <input id="photo" type="file" accept="image/jpeg,image/png,image/webp" capture="user" required></label>
  <button type="submit">Send</button>
</form>
<output id="out" aria-live="polite"></output>
<script type="application/json" id="cfg">${inlineJson(p)}</script>
<script type="module">
  const cfg = JSON.parse(document.getElementById('cfg').textContent);
  const out = document.getElementById('out');
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
