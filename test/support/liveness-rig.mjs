// What the browser tests' provider rig (test/browser/action/rig.mjs) and the benches that run the
// widget against the emulator (bench/support/widget-liveness.ts, bench/action.bench.ts) share:
// - the liveness matrix's fixed challenge and how it is seeded: the emulator's sandbox control
//   fixes the next challenge of an action, which exists only once the widget has created it, so
//   the seed goes in just before the widget's own `POST …/liveness/challenge` reaches the
//   emulator (the rig's proxy, the benches' Playwright routing);
// - the level without liveness, for runs of other things than liveness.
// Plain JS so the rig, which web-test-runner.config.mjs loads without a TypeScript loader, can
// import it.

/**
 * The Node matrix's fixed challenge (`seeded('matrix')` in emulator/src/liveness/matrix.test.ts):
 * a verdict must not hang on which colours and turn order a random challenge draws.
 */
export const MATRIX_CHALLENGE = {
  colours: ['#00ff00', '#ff0000', '#0000ff', '#00ffff', '#ff00ff', '#00ffff', '#ffff00', '#00ffff'],
  segmentMs: 500,
  turns: ['left', 'right'],
};

const CHALLENGE_REQUEST = /^\/resources\/applicantActions\/([^/]+)\/liveness\/challenge$/;

/**
 * The action whose challenge this request asks for, when it is the widget's challenge request
 * (a POST; a CORS preflight is not).
 * @param {string} method
 * @param {string} pathname
 */
export function challengedAction(method, pathname) {
  if (method !== 'POST') return undefined;
  const id = CHALLENGE_REQUEST.exec(pathname)?.[1];
  return id === undefined ? undefined : decodeURIComponent(id);
}

/**
 * Fixes the next challenge of `actionId` through the emulator's sandbox control.
 * @param {{ request(method: string, path: string, init: { json: unknown }): Promise<unknown> }} client
 * @param {string} actionId
 * @param {{ colours: string[]; segmentMs: number; turns: string[] }} seed
 */
export function seedChallenge(client, actionId, seed) {
  return client.request(
    'POST',
    `/resources/sandbox/applicantActions/${encodeURIComponent(actionId)}/livenessChallenge`,
    { json: seed },
  );
}

/** The test level that sends a selfie alone: named so that every run that uses it says so. */
export const NO_LIVENESS_LEVEL = 'face-auth-no-liveness';

/**
 * `level` (the shipped face-authorization level, which requires liveness) as the level without
 * liveness.
 * @template {object} L
 * @param {L} level
 */
export function withoutLiveness(level) {
  return {
    ...level,
    name: NO_LIVENESS_LEVEL,
    description: 'Test level: a selfie alone, no liveness (tests of other things than liveness).',
    liveness: { required: false, reflection: true },
  };
}
