// The validationLink page (enrolment): sends the camera's photo, or a file, as one attempt. With
// liveness required (`cfg.liveness`), the widget records the liveness phase under a challenge the
// page asks for, and the attempt carries the selfie and the clips; there is no file form then.
// A file, as the page's CSP allows no inline script; its settings are in the JSON of #cfg.
const cfg = JSON.parse(document.getElementById('cfg').textContent);
const out = document.getElementById('out');
const again = document.getElementById('again');
const widget = document.getElementById('widget');
const q = '?requestId=' + encodeURIComponent(cfg.requestId);

/**
 * A refusal in words: what the person can do about it, as the widget's result screen says it
 * (src/core/action-result.ts, the English strings of src/translations/en.ts). For the rules that
 * catch pictures, cuts and swapped faces it says only that a live person could not be confirmed:
 * naming the rule would tell an attacker what to fix. The provider's own liveness labels
 * (FRAUDULENT_LIVENESS, BAD_VIDEO_SELFIE) lead the precise ones and speak only without them.
 */
const SENTENCES = {
  turns:
    'We could not see your head turn as asked: turn slowly to the side shown, then look straight ahead again.',
  reflection:
    "The screen's colours were not seen on your face: face the screen, come a little closer and avoid bright light.",
  recording: 'The video was too short or was interrupted: keep the page open until the check ends.',
  notConfirmed: 'We could not confirm that a live person was in front of the camera.',
  NO_FACE: 'No face was found in the photo.',
  MULTIPLE_FACES: 'There was more than one face in the photo.',
  LOW_QUALITY: 'The photo was not clear enough: find good light and hold still.',
  IMAGE_QUALITY: 'The photo was not clear enough: find good light and hold still.',
  other: 'The photo did not pass the check.',
};
const PRECISE = {
  LIVENESS_TURN_MISSING: 'turns',
  LIVENESS_TURN_ORDER: 'turns',
  LIVENESS_REFLECTION_MISMATCH: 'reflection',
  LIVENESS_REFLECTION_LATE: 'reflection',
  LIVENESS_CLIP_TOO_SHORT: 'recording',
  LIVENESS_UNREADABLE_CLIP: 'recording',
  LIVENESS_CHALLENGE_EXPIRED: 'recording',
  LIVENESS_NO_DEPTH: 'notConfirmed',
  LIVENESS_DISCONTINUITY: 'notConfirmed',
  SELFIE_MISMATCH: 'notConfirmed',
  NO_FACE: 'NO_FACE',
  MULTIPLE_FACES: 'MULTIPLE_FACES',
  LOW_QUALITY: 'LOW_QUALITY',
  IMAGE_QUALITY: 'IMAGE_QUALITY',
};
const PROVIDER = { FRAUDULENT_LIVENESS: 'notConfirmed', BAD_VIDEO_SELFIE: 'recording' };
const ORDER = [
  'NO_FACE',
  'MULTIPLE_FACES',
  'LOW_QUALITY',
  'IMAGE_QUALITY',
  'turns',
  'reflection',
  'recording',
  'notConfirmed',
];

function inWords(labels) {
  let reasons = new Set(labels.map((l) => PRECISE[l]).filter(Boolean));
  if (reasons.size === 0) reasons = new Set(labels.map((l) => PROVIDER[l]).filter(Boolean));
  const words = ORDER.filter((r) => reasons.has(r)).map((r) => SENTENCES[r]);
  return [...new Set(words.length ? words : [SENTENCES.other])].join(' ');
}

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
  show(
    'rejected',
    'Not accepted (' +
      j.statusName +
      '). ' +
      inWords(j.rejectLabels) +
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
