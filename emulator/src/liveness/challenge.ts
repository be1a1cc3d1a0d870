/**
 * The liveness challenge the server issues before a clip is recorded: a random sequence of screen
 * colours (read back from the face as a reflection) and a random order of head turns (read back
 * as 3D motion). Pure: randomness and time are inputs, so a test fixes both.
 *
 * A challenge is single-use and short-lived: whoever stores it (the emulator's route, later)
 * marks it used atomically when a clip is submitted against it; {@link challengeProblem} says
 * whether a clip received at a given time may still be judged against it.
 */

/** A head turn, named from the user's side: `left` is the user's own left. */
export type TurnDirection = 'left' | 'right' | 'up';

export interface LivenessChallenge {
  /** 128 random bits, base64url (22 characters). */
  challengeId: string;
  /** ISO 8601; at most {@link MAX_CHALLENGE_TTL_MS} after issue. */
  expiresAt: string;
  /** Screen colours as `#rrggbb`, shown one after another for `segmentMs` each from the clip's start. */
  colours: string[];
  segmentMs: number;
  /** The head turns to perform, in this order, each from and back to frontal. */
  turns: TurnDirection[];
}

export type RandomBytes = (length: number) => Uint8Array;

export interface ChallengeOptions {
  /** Number of colour segments. Default 8 (4 s at 500 ms). */
  colourCount?: number;
  /** Duration of one colour. Default 500 ms; never below {@link MIN_SEGMENT_MS}. */
  segmentMs?: number;
  /**
   * Directions to draw the turns from. Default left and right: a turn about the vertical axis
   * moves the nose against the eyes and lips about twice as much as looking up does, and
   * face-api's 68 landmarks read "up" parallax even into a vertically squashed flat photo
   * (measured: a real up turn 0.08-0.10 eye spans, a squashed print 0.10; a real left/right turn
   * 0.15-0.19, a print <= 0.05). See README.md.
   */
  directions?: readonly TurnDirection[];
  /** Number of head turns, distinct directions. Default 2. */
  turnCount?: number;
  /** Lifetime. Default and maximum {@link MAX_CHALLENGE_TTL_MS}. */
  ttlMs?: number;
}

/** A challenge expires at most two minutes after issue: long enough to record, too short to farm. */
export const MAX_CHALLENGE_TTL_MS = 120_000;

/**
 * WCAG 2.3.1 (Three Flashes or Below Threshold): at most three flashes in any one second. A colour
 * change every 334 ms or more keeps any one second to three changes; 500 ms gives two.
 */
export const MIN_SEGMENT_MS = 334;

/**
 * The screen colours. Fully saturated primaries and secondaries: each is far from the others in
 * rg-chromaticity (r = R/(R+G+B), g = G/(R+G+B)), the space the reflection is measured in; the
 * smallest distance between two of them is 0.5 (e.g. blue (0,0) and cyan (0,0.5)).
 */
export const PALETTE = ['#ff0000', '#00ff00', '#0000ff', '#ffff00', '#00ffff', '#ff00ff'] as const;

/** Fewest distinct colours in a sequence: fewer would make the permutation test weak. */
export const MIN_DISTINCT_COLOURS = 4;

/** The turns a challenge asks for by default (see {@link ChallengeOptions.directions}). */
export const DEFAULT_TURNS: readonly TurnDirection[] = ['left', 'right'];

/** Issues a challenge from `randomBytes` (e.g. `crypto.randomBytes`) at time `now`. */
export function createChallenge(
  randomBytes: RandomBytes,
  now: Date,
  options: ChallengeOptions = {},
): LivenessChallenge {
  const colourCount = options.colourCount ?? 8;
  const segmentMs = options.segmentMs ?? 500;
  const directions = [...new Set(options.directions ?? DEFAULT_TURNS)];
  const turnCount = options.turnCount ?? 2;
  const ttlMs = Math.min(options.ttlMs ?? MAX_CHALLENGE_TTL_MS, MAX_CHALLENGE_TTL_MS);
  if (!Number.isInteger(colourCount) || colourCount < MIN_DISTINCT_COLOURS) {
    throw new RangeError(`colourCount must be an integer >= ${MIN_DISTINCT_COLOURS}`);
  }
  if (!(segmentMs >= MIN_SEGMENT_MS)) {
    throw new RangeError(`segmentMs must be >= ${MIN_SEGMENT_MS} (WCAG 2.3.1)`);
  }
  if (!Number.isInteger(turnCount) || turnCount < 1 || turnCount > directions.length) {
    throw new RangeError(`turnCount must be 1..${directions.length}`);
  }
  if (!(ttlMs > 0)) throw new RangeError('ttlMs must be positive');

  const draw = randomIndices(randomBytes);
  const idBytes = randomBytes(16);
  if (idBytes.length !== 16) throw new Error('randomBytes returned the wrong length');

  let colours: string[];
  do {
    colours = [];
    let previous = -1;
    for (let i = 0; i < colourCount; i++) {
      // Any colour but the previous one, uniformly: draw among n - 1 and skip over the previous.
      const pick = previous < 0 ? draw(PALETTE.length) : draw(PALETTE.length - 1);
      previous = previous >= 0 && pick >= previous ? pick + 1 : pick;
      colours.push(PALETTE[previous] as string);
    }
  } while (new Set(colours).size < MIN_DISTINCT_COLOURS);

  const order = [...directions];
  for (let i = order.length - 1; i > 0; i--) {
    const j = draw(i + 1);
    [order[i], order[j]] = [order[j] as TurnDirection, order[i] as TurnDirection];
  }

  return {
    challengeId: Buffer.from(idBytes).toString('base64url'),
    expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
    colours,
    segmentMs,
    turns: order.slice(0, turnCount),
  };
}

/** Length of the colour schedule: a clip must be at least this long. */
export function scheduleMs(challenge: Pick<LivenessChallenge, 'colours' | 'segmentMs'>): number {
  return challenge.colours.length * challenge.segmentMs;
}

/** Why a clip received at `receivedAt` cannot be judged against `challenge`, or null if it can. */
export function challengeProblem(
  challenge: Pick<LivenessChallenge, 'expiresAt'>,
  receivedAt: Date,
  usedBefore: boolean,
): 'expired' | 'used' | null {
  if (usedBefore) return 'used';
  if (receivedAt.getTime() > Date.parse(challenge.expiresAt)) return 'expired';
  return null;
}

/** `#rrggbb` to 0..255 components. */
export function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}

/** rg-chromaticity (brightness removed): r = R/(R+G+B), g = G/(R+G+B); black is (1/3, 1/3). */
export function chromaticity(rgb: readonly number[]): [number, number] {
  const [r = 0, g = 0, b = 0] = rgb;
  const sum = r + g + b;
  return sum > 0 ? [r / sum, g / sum] : [1 / 3, 1 / 3];
}

/** Unbiased integers in [0, n) from the byte source (rejection sampling, bytes drawn in batches). */
function randomIndices(randomBytes: RandomBytes): (n: number) => number {
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  return (n: number) => {
    if (n < 1 || n > 256) throw new RangeError('n must be 1..256');
    const limit = 256 - (256 % n);
    for (;;) {
      if (at >= pool.length) {
        pool = randomBytes(32);
        at = 0;
        if (pool.length === 0) throw new Error('randomBytes returned no bytes');
      }
      const byte = pool[at++] as number;
      if (byte < limit) return byte % n;
    }
  };
}
