// The validationLink page (enrolment): sends the camera's photo, or a file, as one attempt.
// A file, as the page's CSP allows no inline script; its settings are in the JSON of #cfg.
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const out = document.getElementById('out');

// The same endpoint for the camera photo and the file: each submission is one attempt.
async function send(image, name) {
  const fd = new FormData();
  fd.append('image', image, name);
  out.textContent = 'Checking…';
  out.dataset.state = 'checking';
  try {
    const res = await fetch('/embedded/attempts?requestId=' + encodeURIComponent(cfg.requestId), {
      method: 'POST',
      body: fd,
    });
    const j = await res.json();
    if (!res.ok) {
      out.textContent = j.description;
      out.dataset.state = 'error';
      return j;
    }
    out.dataset.state =
      j.status === 1 ? 'verified' : j.attempt.status === 1 ? 'checking' : 'rejected';
    out.textContent =
      j.status === 1
        ? 'Verified. You can close this page.'
        : j.attempt.status === 1
          ? 'Still checking; reload this page later.'
          : 'Not accepted (' + j.statusName + '). Try another photo.';
    // Only http(s): the API refuses other schemes, and the page does not trust that alone.
    const next = cfg.callbackUrl ? new URL(cfg.callbackUrl, location.href) : null;
    if (j.status === 1 && next && (next.protocol === 'http:' || next.protocol === 'https:'))
      location.assign(next.href);
    return j;
  } catch (err) {
    out.textContent = 'Could not send the photo: ' + ((err && err.message) || err);
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
