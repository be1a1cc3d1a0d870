// The page's own script, in a file rather than inline, so that a strict Content Security Policy
// (script-src 'self', no 'unsafe-inline') allows it: the pattern to copy.
const el = document.querySelector('face-auth');
const out = document.getElementById('out');
// Your provider's URL is a constant; the demo's emulator runs on a port picked at start.
const config = await (await fetch('/api/config')).json();
el.setAttribute('api-base-url', config.apiBaseUrl);

el.addEventListener('face-auth-action-result', (e) => {
  const { actionId, answer } = e.detail; // GREEN | RED | ERROR
  out.dataset.answer = answer;
  out.textContent = `${answer} (action ${actionId}). Your backend re-reads the action before it trusts this.`;
});
el.addEventListener('face-auth-cancel', () => (out.textContent = 'Cancelled.'));
el.addEventListener('face-auth-error', (e) => (out.textContent = e.detail.message));

const me = await (await fetch('/api/me')).json();
if (!me.profile?.approved)
  document.getElementById('note').textContent =
    'Sign in, create your profile and enrol on the demo page first: the token endpoint answers a signed-in user with an approved profile.';
