// The validationLink page (enrolment): sends the camera's photo, or a file, as one attempt. With
// liveness required (`cfg.liveness`), the widget records the liveness phase under a challenge the
// page asks for, and the attempt carries the selfie and the clips; there is no file form then.
// A file, as the page's CSP allows no inline script; its settings are in the JSON of #cfg.
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const out = document.getElementById('out');
const again = document.getElementById('again');
const widget = document.getElementById('widget');
const q = '?requestId=' + encodeURIComponent(cfg.requestId);

/** The review's labels in words (the provider's own labels stay beside them, for support). */
const REASONS = {
  LIVENESS_TURN_MISSING: 'the head turns asked for were not seen',
  LIVENESS_TURN_ORDER: 'the head turned in another order than asked',
  LIVENESS_NO_DEPTH: 'the face moved like a flat picture, not like a head',
  LIVENESS_DISCONTINUITY: 'the video jumped or was cut',
  LIVENESS_REFLECTION_MISMATCH: "the screen's colours were not seen on the face",
  LIVENESS_REFLECTION_LATE: "the screen's colours reached the camera too late",
  LIVENESS_CLIP_TOO_SHORT: 'the recording was too short',
  LIVENESS_CHALLENGE_EXPIRED: 'the check took too long',
  LIVENESS_UNREADABLE_CLIP: 'the recording could not be read',
  SELFIE_MISMATCH: 'the photo and the video show different people',
  NO_FACE: 'no face was found',
  MULTIPLE_FACES: 'more than one face was seen',
  FACE_MISMATCH: 'the face is not the same person',
  LOW_QUALITY: 'the photo is not sharp or bright enough',
  IMAGE_QUALITY: 'the photo is not sharp or bright enough',
  UNREADABLE_IMAGE: 'the photo could not be read',
};
const inWords = (labels) =>
  labels.map((l) => (REASONS[l] ? REASONS[l] + ' (' + l + ')' : l)).join('; ');

function show(state, text) {
  out.dataset.state = state;
  out.textContent = text;
}

/** The attempt's answer as the page shows it; true once it is decided. */
function answer(j) {
  out.dataset.labels = j.rejectLabels.join(' ');
  if (j.status === 1) {
    show('verified', 'Verified. You can close this page.');
    // Only http(s): the API refuses other schemes, and the page does not trust that alone.
    const next = cfg.callbackUrl ? new URL(cfg.callbackUrl, location.href) : null;
    if (next && (next.protocol === 'http:' || next.protocol === 'https:'))
      location.assign(next.href);
    return true;
  }
  if (j.attempt.status === 1) {
    show('checking', 'Still checking…');
    return false;
  }
  const why = j.rejectLabels.length ? ': ' + inWords(j.rejectLabels) : '';
  show(
    'rejected',
    'Not accepted (' +
      j.statusName +
      ')' +
      why +
      '.' +
      (j.closed ? ' No attempts are left.' : ' You can try again.'),
  );
  // A refused attempt with attempts left: the person tries again (a new challenge, new clips).
  again.hidden = j.closed || !widget;
  return true;
}

/** A decision can outlast the submit's wait (a cold engine, two clips): ask until it is made. */
async function untilDecided(j) {
  for (let i = 0; !answer(j) && i < 300; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const res = await fetch('/embedded/attempts/' + j.attempt.attemptId + q);
    j = await res.json();
    if (!res.ok) throw new Error(j.description);
  }
}

/** One attempt: the photo, and with liveness the challenge it answers and its clips. */
async function send(image, name, recording) {
  const fd = new FormData();
  fd.append('image', image, name);
  if (recording) {
    fd.append('challengeId', recording.challengeId);
    for (const clip of recording.clips) fd.append(clip.kind, clip.blob, clip.kind + '.webm');
  }
  again.hidden = true;
  show('checking', 'Checking…');
  try {
    const res = await fetch('/embedded/attempts' + q, { method: 'POST', body: fd });
    const j = await res.json();
    if (!res.ok) {
      show('error', j.description);
      again.hidden = !widget;
      return;
    }
    await untilDecided(j);
  } catch (err) {
    show('error', 'Could not send the photo: ' + ((err && err.message) || err));
    again.hidden = !widget;
  }
}

const form = document.getElementById('f');
if (form) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void send(document.getElementById('photo').files[0], 'photo');
  });
}

if (widget && cfg.liveness) {
  // Capture only (no token-url): the page asks for the enrolment challenge itself (bound to this
  // link's requestId), and the selfie and clips go to the enrolment endpoint as one attempt.
  widget.livenessChallengeProvider = async (signal) => {
    const res = await fetch('/embedded/liveness/challenge' + q, { method: 'POST', signal });
    const j = await res.json();
    if (!res.ok) {
      show('error', j.description);
      throw new Error(j.description);
    }
    return j;
  };
  widget.addEventListener('face-auth-liveness-recorded', (e) => {
    const { image, challengeId, clips } = e.detail;
    void send(image, 'selfie.jpg', { challengeId, clips });
  });
} else if (widget) {
  widget.addEventListener('face-auth-capture', (e) => void send(e.detail.image, 'selfie.jpg'));
}

again.addEventListener('click', () => {
  again.hidden = true;
  out.textContent = '';
  delete out.dataset.state;
  void widget.start();
});
