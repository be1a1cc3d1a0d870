/**
 * The demo's story page: sign in (a new demo user), create a profile (an applicant) and enrol,
 * confirm it's me (an action run by <face-auth>), try someone else; with the provider's view of
 * the action and the webhooks the backend received beside it.
 */
import 'face-auth-widget/define';
import type { ApplicantAction } from '../../src/server/index.js';
import type { ProfileView, WebhookView } from '../backend/server.js';
import { $, api, ApiError, h } from './dom.js';
import type { ActionResultDetail, FaceAuthErrorDetail, ReviewAnswer } from './face-auth-events.js';
import { answerMark, answerSentence, detailOf } from './face-auth-events.js';

interface Me {
  user: { id: string; name: string };
  profile: ProfileView | null;
}

/** Undefined while signed out. */
let me: Me | undefined;
let config: { apiBaseUrl: string | null; levelName: string } | undefined;
let lastActionId: string | undefined;
/** The action whose `/one` reading is final (completed): the panel stops re-reading it. */
let settledActionId: string | undefined;

// ---------------------------------------------------------------- step 1: sign in, profile

async function refreshMe(): Promise<void> {
  try {
    me = await api<Me>('GET', '/api/me');
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
    me = undefined;
    // Signed out: nothing of the last user stays on the page.
    lastActionId = settledActionId = undefined;
    $('#auth-slot').replaceChildren();
    showResult(undefined);
    $('#one').replaceChildren(h('p', { class: 'muted' }, 'No action yet.'));
    $('#webhooks').replaceChildren();
  }
  renderWho();
  renderProfile();
}

function renderWho(): void {
  const who = $('#who');
  if (!me) {
    who.textContent = 'Welcome, guest';
    return;
  }
  const signOut = h('button', { class: 'secondary', id: 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', () => void run(signOut, () => api('DELETE', '/api/session')));
  who.replaceChildren(`Signed in as ${me.user.name} `, signOut);
}

function renderProfile(): void {
  const box = $('#profile');
  const p = me?.profile;
  const approved = !!p?.approved;
  ($('#confirm') as HTMLButtonElement).disabled = !approved;
  ($('#try-file') as HTMLInputElement).disabled = !approved;
  $('#confirm-hint').textContent = approved ? '' : 'Enrol your face first.';
  if (!me) {
    // A real bank signs you in with a password or a passkey; the demo makes you a new user.
    const signIn = h('button', { id: 'sign-in' }, 'Sign in as a new demo user');
    signIn.addEventListener('click', () => void run(signIn, () => api('POST', '/api/session')));
    box.replaceChildren(
      h('p', {}, 'Sign in first: your profile, actions and webhooks are yours alone.'),
      h('div', { class: 'row' }, signIn),
    );
    return;
  }
  if (!p) {
    const create = h('button', { id: 'create-profile' }, 'Create my profile');
    create.addEventListener('click', () => void run(create, createProfile));
    box.replaceChildren(h('div', { class: 'row' }, create));
    return;
  }
  const badge = h(
    'span',
    { class: `badge ${approved ? 'ok' : p.completed ? 'bad' : 'wait'}`, id: 'profile-status' },
    approved ? 'approved' : p.statusName,
  );
  const facts = h(
    'dl',
    { class: 'kv' },
    h('dt', {}, 'applicantId'),
    h('dd', {}, p.applicantId),
    h('dt', {}, 'status'),
    h('dd', {}, badge),
  );
  if (approved) {
    const reset = h('button', { class: 'secondary', id: 'reset-profile' }, 'Start over');
    reset.addEventListener('click', () => void run(reset, () => api('DELETE', '/api/profile')));
    box.replaceChildren(
      facts,
      h('p', {}, 'Your face is enrolled: the provider will compare every selfie with it.'),
      h('div', { class: 'row' }, reset),
    );
    return;
  }
  const link = h(
    'a',
    { class: 'button', id: 'validation-link', href: p.validationLink },
    'Open my verification link',
  );
  const camera = h(
    'button',
    { class: 'secondary', id: 'enrol-camera' },
    'Enrol here with the camera',
  );
  camera.addEventListener('click', () => showEnrolCamera());
  const file = h('input', {
    id: 'enrol-file',
    type: 'file',
    accept: 'image/jpeg,image/png,image/webp',
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) void enrol(f);
  });
  box.replaceChildren(
    facts,
    h(
      'p',
      {},
      'Enrol on the provider’s page (its validationLink; it brings you back here), or right here.',
    ),
    h('div', { class: 'row' }, link, camera),
    h('div', { class: 'row' }, h('label', { class: 'file' }, '…or a photo file', file)),
    h('div', { id: 'enrol-slot' }),
    h('p', { id: 'enrol-out', class: 'muted', 'aria-live': 'polite' }),
  );
}

async function createProfile(): Promise<void> {
  await api('POST', '/api/profile');
}

/**
 * Capture only, with liveness (the provider requires it for enrolment too, so the profile face is
 * live): the backend asks for the enrolment challenge with its key, the element records the
 * colours and the head turns after the selfie, and the backend submits the selfie and the clips
 * as one enrolment attempt, which the provider judges.
 */
function showEnrolCamera(): void {
  const el = document.createElement('face-auth');
  el.id = 'enrol-auth';
  el.setAttribute('liveness', 'full');
  el.livenessChallengeProvider = () => api('POST', '/api/profile/liveness/challenge');
  el.addEventListener('face-auth-liveness-recorded', (e) => {
    const { image, challengeId, clips } = e.detail;
    const form = new FormData();
    form.append('image', image, 'selfie.jpg');
    form.append('challengeId', challengeId);
    for (const clip of clips) form.append(clip.kind, clip.blob, `${clip.kind}.webm`);
    void enrol(form).then(() => el.remove());
  });
  $('#enrol-slot').replaceChildren(el);
  void el.start();
}

/** An enrolment attempt: the recorded selfie and clips, or a photo file (refused: no liveness). */
async function enrol(upload: Blob | FormData): Promise<void> {
  const out = $('#enrol-out');
  out.textContent = 'Checking…';
  delete out.dataset.state;
  try {
    const r = await api<{
      profile: ProfileView | null;
      attempt: { status: number };
      rejectLabels: string[];
    }>('POST', '/api/profile/enrol', upload);
    out.dataset.state = r.profile?.approved
      ? 'approved'
      : r.attempt.status === 1
        ? 'checking'
        : 'rejected';
    out.textContent = r.profile?.approved
      ? 'Enrolled.'
      : r.attempt.status === 1
        ? 'Still checking: the page updates when the provider has decided.'
        : `Not accepted (${r.profile?.statusName ?? 'unknown'}${r.rejectLabels.length ? `: ${r.rejectLabels.join(', ')}` : ''}): try again.`;
    if (r.profile?.approved) await refreshMe();
    else if (r.attempt.status === 1) await untilDecided(out);
  } catch (err) {
    out.dataset.state = 'error';
    out.textContent = (err as Error).message;
  }
}

/** A review that outlasts the backend's wait: the profile is read again until it is decided. */
async function untilDecided(out: HTMLElement): Promise<void> {
  for (let i = 0; i < 90; i++) {
    await new Promise((r) => setTimeout(r, 2000));
    const profile = (await api<Me>('GET', '/api/me')).profile;
    if (profile?.approved) return refreshMe();
    if (profile && profile.status !== 0) {
      out.dataset.state = 'rejected';
      out.textContent = `Not accepted (${profile.statusName}): try again.`;
      return;
    }
  }
}

// ---------------------------------------------------------------- step 2: confirm it's me

async function confirmItsMe(): Promise<void> {
  const cfg = (config ??= await api<NonNullable<typeof config>>('GET', '/api/config'));
  // A fresh action per attempt; the token endpoint then mints tokens for this one.
  const action = await api<{ actionId: string; externalActionId: string }>('POST', '/api/actions');
  showResult(undefined);
  lastActionId = action.actionId;
  void refreshOne();
  const el = document.createElement('face-auth');
  el.id = 'auth';
  el.setAttribute('token-url', '/api/face-auth/token');
  el.setAttribute('api-base-url', cfg.apiBaseUrl ?? '');
  el.setAttribute('level-name', cfg.levelName);
  // The level asks for liveness: the colours, then the head turns, recorded and judged by the provider.
  el.setAttribute('liveness', 'full');
  el.addEventListener('face-auth-action-result', (e) => {
    const d = detailOf<ActionResultDetail>(e);
    lastActionId = d.actionId;
    showResult(d.answer, d.reviewResult?.rejectLabels ?? [], 'camera');
    void refreshOne();
  });
  el.addEventListener('face-auth-error', (e) => {
    const d = detailOf<FaceAuthErrorDetail>(e);
    $('#confirm-hint').textContent = `${d.code}: ${d.message}`;
  });
  el.addEventListener('face-auth-cancel', () => {
    $('#confirm-hint').textContent = 'Cancelled: no payout.';
  });
  $('#auth-slot').replaceChildren(el);
  await el.start();
}

/** `undefined` hides the result; `null` is a review on hold. */
function showResult(
  answer: ReviewAnswer | null | undefined,
  labels: string[] = [],
  via = '',
): void {
  const box = $('#result');
  if (answer === undefined) {
    box.hidden = true;
    box.removeAttribute('data-answer');
    return;
  }
  box.hidden = false;
  box.dataset.answer = answerMark(answer);
  box.dataset.actionId = lastActionId ?? '';
  box.replaceChildren(
    h('strong', {}, answerSentence(answer)),
    ' ',
    h('span', { class: `badge ${answerMark(answer)}` }, answerMark(answer)),
    labels.length ? h('div', { class: 'muted' }, `Reasons: ${labels.join(', ')}`) : '',
    h(
      'div',
      { class: 'muted' },
      `From ${via === 'file' ? 'the photo file' : 'the face-auth-action-result event'}; the backend's own reading is on the right.`,
    ),
  );
}

// ---------------------------------------------------------------- step 3: someone else

async function tryFile(file: File): Promise<void> {
  showResult(undefined);
  $('#confirm-hint').textContent = 'Checking the photo…';
  const r = await api<{
    actionId: string;
    answer: ReviewAnswer | null;
    reviewResult: { rejectLabels: string[] } | null;
  }>('POST', '/api/actions/photo', file);
  $('#confirm-hint').textContent = '';
  lastActionId = r.actionId;
  showResult(r.answer, r.reviewResult?.rejectLabels ?? [], 'file');
  void refreshOne();
}

// ---------------------------------------------------------------- panels

async function refreshOne(): Promise<void> {
  if (!lastActionId) return;
  const a = await api<ApplicantAction>('GET', `/api/actions/${encodeURIComponent(lastActionId)}`);
  if (a.review.reviewStatus === 'completed') settledActionId = a.id;
  const r = a.review.reviewResult;
  const decision = a.review.decision as {
    engine?: string;
    scores?: Record<string, unknown>;
  } | null;
  $('#one').replaceChildren(
    h(
      'dl',
      {
        class: 'kv',
        id: 'one-summary',
        'data-status': a.review.reviewStatus,
        'data-answer': r?.reviewAnswer,
      },
      h('dt', {}, 'id'),
      h('dd', {}, a.id),
      h('dt', {}, 'externalActionId'),
      h('dd', {}, a.externalActionId),
      h('dt', {}, 'reviewStatus'),
      h('dd', {}, a.review.reviewStatus),
      h('dt', {}, 'reviewAnswer'),
      h('dd', {}, r ? h('span', { class: `badge ${r.reviewAnswer}` }, r.reviewAnswer) : '—'),
      h('dt', {}, 'rejectLabels'),
      h('dd', {}, r?.rejectLabels.join(', ') || '—'),
      h('dt', {}, 'comment'),
      h('dd', {}, r?.moderationComment ?? '—'),
      h('dt', {}, 'decided by'),
      h('dd', {}, decision?.engine ?? '—'),
    ),
    livenessPanel(a),
    h('details', {}, h('summary', {}, 'Full JSON'), h('pre', {}, JSON.stringify(a, null, 2))),
  );
}

/**
 * The provider's liveness verdict on the action: its numbers and labels, and the `LIVENESS` and
 * `LIVENESS_REFLECTION` checks with what each was decided on. Nothing when no clip was sent.
 */
function livenessPanel(a: ApplicantAction): HTMLElement | string {
  const l = a.liveness;
  const checks = a.checks.filter((c) => c.checkType.startsWith('LIVENESS'));
  if (!l && !checks.length) return '';
  const value = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
  return h(
    'section',
    { id: 'one-liveness', 'data-answer': l?.reviewAnswer ?? '' },
    h('h3', {}, 'Liveness'),
    h(
      'dl',
      { class: 'kv' },
      h('dt', {}, 'antiSpoofingPercent'),
      h('dd', {}, `${value(l?.antiSpoofingPercent)} (valid: ${value(l?.antiSpoofingIsValid)})`),
      h('dt', {}, 'livenessReflectionScore'),
      h(
        'dd',
        {},
        `${value(l?.livenessReflectionScore)} (valid: ${value(l?.livenessReflectionIsValid)})`,
      ),
      h('dt', {}, 'labels'),
      h('dd', { id: 'one-liveness-labels' }, l?.rejectLabels?.join(', ') || '—'),
    ),
    h(
      'ul',
      { class: 'checks' },
      ...checks.map((c) =>
        h(
          'li',
          { 'data-check': c.checkType, 'data-answer': c.answer },
          h('span', { class: `badge ${c.answer}` }, c.answer),
          ' ',
          h('strong', {}, c.checkType),
          h(
            'div',
            { class: 'muted' },
            Object.entries(c.details)
              .filter(([, v]) => v === null || typeof v !== 'object')
              .map(([k, v]) => `${k} ${value(v)}`)
              .join(' · '),
          ),
        ),
      ),
    ),
  );
}

async function refreshWebhooks(): Promise<void> {
  if (!me) return;
  const { items } = await api<{ items: WebhookView[] }>('GET', '/api/webhooks');
  const list = $('#webhooks');
  if (!items.length) {
    list.replaceChildren(h('li', { class: 'muted' }, 'None yet.'));
    return;
  }
  list.replaceChildren(
    ...items.slice(0, 12).map((w) => {
      const p = w.payload;
      return h(
        'li',
        {
          'data-type': p?.type ?? 'unknown',
          'data-verified': String(w.verified),
          'data-action': p?.applicantActionId,
        },
        h(
          'span',
          { class: `badge ${w.verified ? 'ok' : 'bad'}` },
          w.verified ? 'signature valid' : 'signature INVALID',
        ),
        ' ',
        h('strong', {}, p?.type ?? 'unreadable'),
        ' ',
        p?.reviewResult
          ? h(
              'span',
              { class: `badge ${p.reviewResult.reviewAnswer}` },
              p.reviewResult.reviewAnswer,
            )
          : p
            ? h('span', { class: 'muted' }, p.reviewStatus)
            : null,
        h(
          'div',
          { class: 'muted' },
          `${new Date(w.receivedAt).toLocaleTimeString()} · ${p?.externalApplicantActionId ?? ''}`,
        ),
        h(
          'details',
          {},
          h('summary', {}, 'Payload'),
          h('pre', {}, p ? JSON.stringify(p, null, 2) : 'Unverified: its body is not shown.'),
        ),
      );
    }),
  );
}

// ---------------------------------------------------------------- wiring

/** Runs a button's action, disabling it meanwhile; errors are shown, then the page refreshes. */
async function run(button: HTMLButtonElement, fn: () => Promise<unknown>): Promise<void> {
  button.disabled = true;
  try {
    await fn();
  } catch (err) {
    $('#confirm-hint').textContent = (err as Error).message;
  } finally {
    button.disabled = false;
    await refreshMe();
  }
}

const confirmButton = $('#confirm') as HTMLButtonElement;
confirmButton.addEventListener('click', () => void run(confirmButton, confirmItsMe));
const tryInput = $('#try-file') as HTMLInputElement;
tryInput.addEventListener('change', () => {
  const f = tryInput.files?.[0];
  if (f) void tryFile(f).catch((err: Error) => ($('#confirm-hint').textContent = err.message));
  tryInput.value = '';
});

// The panels follow the backend: a webhook arrives a moment after the result.
async function poll(): Promise<void> {
  if (document.visibilityState === 'visible') {
    await refreshWebhooks().catch(() => undefined);
    if (lastActionId && lastActionId !== settledActionId) await refreshOne().catch(() => undefined);
  }
  setTimeout(() => void poll(), 1500);
}

await refreshMe();
void poll();
