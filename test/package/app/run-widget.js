// The page script of the package tests' apps (and of the CDN page under a strict CSP): starts a
// capture-only <face-auth> on the fake camera and writes the outcome into <body data-outcome>
// for the test to read. Plain JS with no build step, so every bundler takes it as it is.

/** @param {Record<string, unknown>} outcome */
function report(outcome) {
  if (!document.body.dataset.outcome) document.body.dataset.outcome = JSON.stringify(outcome);
}

export async function runWidget() {
  await customElements.whenDefined('face-auth');
  const el = document.createElement('face-auth');
  el.setAttribute('locale', 'en');
  let detector;
  el.addEventListener('face-auth-ready', (e) => (detector = e.detail.detector));
  el.addEventListener('face-auth-capture', (e) =>
    report({
      event: 'capture',
      detector,
      imageType: e.detail.image.type,
      scored: e.detail.report !== null,
    }),
  );
  el.addEventListener('face-auth-error', (e) =>
    report({ event: 'error', detector, code: e.detail.code, message: e.detail.message }),
  );
  document.body.append(el);
  await el.start();
}
