// The WebSDK link's page: a face-authorization action with the link's access token.
// A file, as the page's CSP allows no inline script; its settings are in the JSON of #cfg.
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const out = document.getElementById('out');
const widget = document.getElementById('widget');

if (widget) {
  // The link carries the access token (minted for its applicant and externalActionId), so the
  // page needs no token-url: the element asks this function instead.
  widget.accessTokenProvider = async () => ({
    token: cfg.accessToken,
    externalActionId: cfg.externalActionId,
  });
  widget.addEventListener('face-auth-action-result', (e) => {
    out.dataset.answer = e.detail.answer ?? 'onHold';
    out.dataset.actionId = e.detail.actionId;
    out.textContent =
      'Review: ' + e.detail.reviewStatus + (e.detail.answer ? ' ' + e.detail.answer : '');
  });
  widget.addEventListener('face-auth-error', (e) => {
    out.textContent = e.detail.message;
  });
  customElements.whenDefined('face-auth').then(() => widget.start());
}

async function call(method, path, body) {
  const headers = { 'X-Access-Token': cfg.accessToken };
  if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  const res = await fetch(cfg.apiBase + path, {
    method,
    headers,
    body: body instanceof FormData ? body : body && JSON.stringify(body),
  });
  const j = await res.json();
  if (!res.ok) throw new Error(j.description);
  return j;
}

document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    out.textContent = 'Sending…';
    const action = await call(
      'POST',
      '/resources/applicantActions/-/forApplicant/-?levelName=' + encodeURIComponent(cfg.levelName),
      { externalActionId: cfg.externalActionId },
    );
    const fd = new FormData();
    fd.append('metadata', JSON.stringify({ idDocType: 'SELFIE', country: 'XXX' }));
    fd.append('content', document.getElementById('photo').files[0]);
    await call('POST', '/resources/applicantActions/' + action.id + '/images', fd);
    await call('POST', '/resources/applicantActions/' + action.id + '/review/status/pending');
    for (let i = 0; i < 120; i++) {
      const a = await call('GET', '/resources/applicantActions/' + action.id + '/one');
      out.textContent =
        'Review: ' +
        a.review.reviewStatus +
        (a.review.reviewResult ? ' ' + a.review.reviewResult.reviewAnswer : '');
      if (a.review.reviewStatus === 'completed' || a.review.reviewStatus === 'onHold') return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  } catch (err) {
    out.textContent = String(err.message || err);
  }
});
