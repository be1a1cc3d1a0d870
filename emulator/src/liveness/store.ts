/**
 * The emulator's side of a liveness challenge's life, in SQLite: issued for one action and the
 * token that asked, its clips stored as blobs, consumed once in the submit's transaction, its
 * result written with the review's, and the failures the lockout counts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ActionRow } from '../actions/rows.js';
import type { Caller } from '../auth/auth.js';
import { getBlob, insertBlob } from '../platform/blobs.js';
import type { BlobRow } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { ApiError } from '../platform/errors.js';
import { createChallenge, MAX_CHALLENGE_TTL_MS, PALETTE } from './challenge.js';
import type { LivenessChallenge, TurnDirection } from './challenge.js';

/** How a level asks for liveness; off when the level does not say. */
export interface LivenessPolicy {
  required: boolean;
  reflection: boolean;
}

export function livenessPolicy(ctx: ProviderContext, levelName: string): LivenessPolicy {
  const level = ctx.config.levels.find((l) => l.name === levelName);
  return {
    required: level?.liveness?.required === true,
    reflection: level?.liveness?.reflection !== false,
  };
}

/** Whether a clip of this kind is judged under the policy (colours only with reflection on). */
export function isJudged(kind: ClipKind, policy: LivenessPolicy): boolean {
  return kind !== 'reflection' || policy.reflection;
}

/**
 * What a clip is: one recording with the colours shown during the turns (`combined`), or two
 * recordings, the colours (`reflection`) and the turns (`turns`).
 */
export const CLIP_KINDS = ['combined', 'turns', 'reflection'] as const;
export type ClipKind = (typeof CLIP_KINDS)[number];

/** 5 failed liveness reviews within 3 minutes lock the applicant out of liveness for 5 minutes. */
export const LIVENESS_LOCKOUT = { failures: 5, windowMs: 180_000, lockMs: 300_000 } as const;

export interface ChallengeRow {
  id: string;
  action_id: string;
  applicant_id: string;
  caller_hash: string;
  challenge: string;
  created_ms: number;
  expires_ms: number;
  used_ms: number | null;
  action_attempt_id: string | null;
  /** The enrolment attempt that consumed it (a challenge for enrolment has no action). */
  enrolment_attempt_id: number | null;
  result: string | null;
}

/** The numbers a liveness review leaves on its challenge; null where a check did not run. */
export interface LivenessResult {
  reviewAnswer: 'GREEN' | 'RED' | 'ERROR';
  antiSpoofingPercent: number | null;
  antiSpoofingIsValid: boolean | null;
  livenessReflectionScore: number | null;
  livenessReflectionIsValid: boolean | null;
  livenessReflectionConfidence: number | null;
  rejectLabels: string[];
}

/**
 * Who may use a challenge: the token that asked for it, or (enrolment on the validationLink page,
 * which has no token) the link's `requestId`.
 */
export type ChallengeHolder = Caller | { kind: 'link'; requestId: string };

/** Who asked, as stored: a hash, so the access token itself is not copied into another table. */
export function callerHash(caller: ChallengeHolder): string {
  const id =
    caller.kind === 'access'
      ? `access:${caller.access.token}`
      : caller.kind === 'app'
        ? `app:${caller.token}`
        : caller.kind === 'link'
          ? `link:${caller.requestId}`
          : caller.kind;
  return createHash('sha256').update(id).digest('hex');
}

/** When the applicant may try liveness again, or null when it is not locked out. */
export function lockedUntil(db: Db, applicantId: string, now: number): number | null {
  const { failures, windowMs, lockMs } = LIVENESS_LOCKOUT;
  const times = (
    db
      .prepare(
        'SELECT at_ms FROM liveness_failures WHERE applicant_id = ? AND at_ms > ? ORDER BY at_ms',
      )
      .all(applicantId, now - windowMs - lockMs) as { at_ms: number }[]
  ).map((r) => r.at_ms);
  let until: number | null = null;
  // A lockout starts at the failure that makes `failures` within `windowMs`.
  for (let i = failures - 1; i < times.length; i++) {
    if (times[i]! - times[i - failures + 1]! <= windowMs) until = times[i]! + lockMs;
  }
  return until !== null && until > now ? until : null;
}

export function assertNotLockedOut(db: Db, applicantId: string, now: number): void {
  const until = lockedUntil(db, applicantId, now);
  if (until === null) return;
  const { failures, windowMs } = LIVENESS_LOCKOUT;
  throw new ApiError(
    'livenessLockedOut',
    `Liveness failed ${failures} times within ${windowMs / 60_000} minutes; try again after ${new Date(until).toISOString()}`,
    { retryAfterSecs: Math.ceil((until - now) / 1000) },
  );
}

/** A seeded challenge's fields (sandbox), checked like an issued one. */
export interface ChallengeSeed {
  challengeId?: string;
  colours?: string[];
  segmentMs?: number;
  turns?: TurnDirection[];
}

export function assertSandbox(ctx: ProviderContext): void {
  if (!ctx.config.sandbox.enabled) {
    throw new ApiError(
      'sandboxDisabled',
      'Sandbox controls are disabled (set "sandbox": {"enabled": true})',
    );
  }
}

export function seedNextChallenge(
  ctx: ProviderContext,
  action: ActionRow,
  seed: ChallengeSeed,
): Omit<LivenessChallenge, 'expiresAt'> {
  return saveSeed(ctx, { table: 'liveness_seeds', key: 'action_id' }, action.id, seed);
}

/**
 * Checks a sandbox seed and keeps it for the next challenge of `id` (an action's or an
 * applicant's enrolment: the two seed tables differ only in their key), replacing an older one.
 */
export function saveSeed(
  ctx: ProviderContext,
  where:
    | { table: 'liveness_seeds'; key: 'action_id' }
    | {
        table: 'liveness_enrolment_seeds';
        key: 'applicant_id';
      },
  id: string,
  seed: ChallengeSeed,
): Omit<LivenessChallenge, 'expiresAt'> {
  const fixed = checkedSeed(ctx, seed);
  ctx.db
    .prepare(
      `INSERT INTO ${where.table} (${where.key}, challenge, created_ms) VALUES (?, ?, ?)
       ON CONFLICT (${where.key}) DO UPDATE SET challenge = excluded.challenge, created_ms = excluded.created_ms`,
    )
    .run(id, JSON.stringify(fixed), ctx.now());
  return fixed;
}

/** A sandbox seed with the drawn challenge's fields where it leaves them out, checked. */
function checkedSeed(
  ctx: ProviderContext,
  seed: ChallengeSeed,
): Omit<LivenessChallenge, 'expiresAt'> {
  assertSandbox(ctx);
  const drawn = createChallenge(randomBytes, new Date(ctx.now()));
  const fixed = {
    challengeId: seed.challengeId ?? drawn.challengeId,
    colours: seed.colours ?? drawn.colours,
    segmentMs: seed.segmentMs ?? drawn.segmentMs,
    turns: seed.turns ?? drawn.turns,
  };
  if (!/^[A-Za-z0-9_-]{22,64}$/.test(fixed.challengeId))
    throw new ApiError('validation', 'challengeId must be 22-64 base64url characters');
  if (fixed.colours.some((c) => !(PALETTE as readonly string[]).includes(c.toLowerCase())))
    throw new ApiError('validation', `colours must be taken from ${PALETTE.join(', ')}`);
  if (fixed.colours.length < 4 || new Set(fixed.colours).size < 4)
    throw new ApiError('validation', 'colours needs at least 4 distinct colours');
  if (new Set(fixed.turns).size !== fixed.turns.length || fixed.turns.length === 0)
    throw new ApiError('validation', 'turns must be distinct, at least one');
  if (ctx.db.prepare('SELECT 1 FROM liveness_challenges WHERE id = ?').get(fixed.challengeId))
    throw new ApiError('conflict', `Challenge ${fixed.challengeId} was issued already`);
  return fixed;
}

/** Issues (and stores) the action's next challenge: the seeded one if a test seeded it. */
export function issueChallenge(
  ctx: ProviderContext,
  action: ActionRow,
  caller: Caller,
): LivenessChallenge {
  const now = ctx.now();
  const { db } = ctx;
  assertNotLockedOut(db, action.applicant_id, now);
  if (['pending', 'queued', 'onHold'].includes(action.review_status)) {
    throw new ApiError(
      'invalidState',
      `Action ${action.id} is ${action.review_status}; a challenge is for a new attempt`,
    );
  }
  return db.transaction(() => {
    const drawn = createChallenge(randomBytes, new Date(now));
    const seed = db
      .prepare('SELECT challenge FROM liveness_seeds WHERE action_id = ?')
      .get(action.id) as { challenge: string } | undefined;
    const challenge = seededOr(drawn, seed?.challenge);
    if (seed) db.prepare('DELETE FROM liveness_seeds WHERE action_id = ?').run(action.id);
    insertChallenge(db, challenge, {
      actionId: action.id,
      applicantId: action.applicant_id,
      holder: caller,
      now,
    });
    return challenge;
  })();
}

/** Stores an issued challenge: for an action, or (`actionId` null) for an enrolment attempt. */
export function insertChallenge(
  db: Db,
  challenge: LivenessChallenge,
  to: { actionId: string | null; applicantId: string; holder: ChallengeHolder; now: number },
): void {
  db.prepare(
    `INSERT INTO liveness_challenges (id, action_id, applicant_id, caller_hash, challenge, created_ms, expires_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    challenge.challengeId,
    to.actionId,
    to.applicantId,
    callerHash(to.holder),
    JSON.stringify(challenge),
    to.now,
    Math.min(Date.parse(challenge.expiresAt), to.now + MAX_CHALLENGE_TTL_MS),
  );
}

/** A seeded challenge (sandbox) with a fresh expiry, or the drawn one. */
export function seededOr(drawn: LivenessChallenge, seed: string | undefined): LivenessChallenge {
  return seed
    ? { ...(JSON.parse(seed) as Omit<LivenessChallenge, 'expiresAt'>), expiresAt: drawn.expiresAt }
    : drawn;
}

export function challengeOf(db: Db, challengeId: string): ChallengeRow | undefined {
  return db.prepare('SELECT * FROM liveness_challenges WHERE id = ?').get(challengeId) as
    ChallengeRow | undefined;
}

/** Why `row` cannot take a clip or a submit now, as the error to answer. */
export function assertUsable(row: ChallengeRow, now: number): void {
  if (row.used_ms !== null)
    throw new ApiError('livenessChallengeUsed', `Challenge ${row.id} was used already`);
  if (now > row.expires_ms) {
    throw new ApiError(
      'livenessChallengeExpired',
      `Challenge ${row.id} expired at ${new Date(row.expires_ms).toISOString()}; ask for a new one`,
    );
  }
}

/** Stores a clip for a challenge of this action, asked by the token the challenge was issued to. */
export function addClip(
  ctx: ProviderContext,
  action: ActionRow,
  caller: Caller,
  input: { challengeId: string; kind: ClipKind; clip: { data: Buffer; mime: string } },
): { challengeId: string; kind: ClipKind; mimeType: string; bytes: number } {
  const { db } = ctx;
  return db.transaction(() => {
    const row = challengeOf(db, input.challengeId);
    if (!row || row.action_id !== action.id)
      throw new ApiError('notFound', `No challenge ${input.challengeId} for action ${action.id}`);
    if (row.caller_hash !== callerHash(caller)) {
      throw new ApiError(
        'accessTokenScope',
        'The challenge was issued to another token; send its clips with the same one',
      );
    }
    const now = ctx.now();
    assertUsable(row, now);
    // A clip sent again before the submit replaces the first (its blob goes with the row).
    db.prepare('DELETE FROM liveness_clips WHERE challenge_id = ? AND kind = ?').run(
      row.id,
      input.kind,
    );
    insertClip(db, row.id, input.kind, input.clip, now);
    return {
      challengeId: row.id,
      kind: input.kind,
      mimeType: input.clip.mime,
      bytes: input.clip.data.length,
    };
  })();
}

/** Stores one clip of a challenge (its blob is deleted with the clip's row, by trigger). */
export function insertClip(
  db: Db,
  challengeId: string,
  kind: ClipKind,
  clip: { data: Buffer; mime: string },
  now: number,
): void {
  const blobId = insertBlob(
    db,
    {
      data: clip.data,
      mime: clip.mime,
      sha256: createHash('sha256').update(clip.data).digest('hex'),
    },
    now,
  );
  db.prepare(
    'INSERT INTO liveness_clips (challenge_id, kind, blob_id, added_ms) VALUES (?, ?, ?, ?)',
  ).run(challengeId, kind, blobId, now);
}

export function clipKinds(db: Db, challengeId: string): ClipKind[] {
  return (
    db.prepare('SELECT kind FROM liveness_clips WHERE challenge_id = ?').all(challengeId) as {
      kind: ClipKind;
    }[]
  ).map((r) => r.kind);
}

/** What is missing for the policy: one `combined` clip, or `turns` (and `reflection` if asked). */
export function missingClips(kinds: readonly ClipKind[], policy: LivenessPolicy): string | null {
  if (kinds.includes('combined')) return null;
  const need: ClipKind[] = policy.reflection ? ['turns', 'reflection'] : ['turns'];
  const missing = need.filter((k) => !kinds.includes(k));
  return missing.length
    ? `a 'combined' clip, or ${need.map((k) => `'${k}'`).join(' and ')} (missing: ${missing.join(', ')})`
    : null;
}

/**
 * Called inside the submit's transaction: consumes the action's latest challenge for the attempt
 * being submitted. When the level requires liveness, a submit without a usable challenge and its
 * clips fails (and rolls the submit back); otherwise a complete unused challenge is consumed if
 * there is one, and nothing is asked.
 */
export function consumeChallengeAtSubmit(ctx: ProviderContext, action: ActionRow, now: number) {
  const { db } = ctx;
  const policy = livenessPolicy(ctx, action.level_name);
  const row = db
    .prepare(
      'SELECT * FROM liveness_challenges WHERE action_id = ? ORDER BY created_ms DESC, rowid DESC LIMIT 1',
    )
    .get(action.id) as ChallengeRow | undefined;
  if (!policy.required) {
    const usable =
      row &&
      row.used_ms === null &&
      now <= row.expires_ms &&
      missingClips(clipKinds(db, row.id), policy) === null;
    if (!usable) return;
  } else {
    assertNotLockedOut(db, action.applicant_id, now);
    if (!row) {
      throw new ApiError(
        'livenessRequired',
        `Level '${action.level_name}' requires liveness: ask POST /resources/applicantActions/${action.id}/liveness/challenge and send the clip(s) before submitting`,
      );
    }
    assertUsable(row, now);
    const missing = missingClips(clipKinds(db, row.id), policy);
    if (missing)
      throw new ApiError('livenessRequired', `Challenge ${row.id} needs ${missing} before submit`);
  }
  const used = db
    .prepare(
      'UPDATE liveness_challenges SET used_ms = ?, action_attempt_id = ? WHERE id = ? AND used_ms IS NULL',
    )
    .run(now, action.attempt_id, row!.id);
  if (used.changes !== 1)
    throw new ApiError('livenessChallengeUsed', `Challenge ${row!.id} was used already`);
}

/** The challenge consumed by the action's attempt, with its clips; undefined when none was. */
export function consumedChallenge(
  db: Db,
  actionId: string,
  actionAttemptId: string,
): { row: ChallengeRow; challenge: LivenessChallenge; clips: Map<ClipKind, Buffer> } | undefined {
  const row = db
    .prepare(
      'SELECT * FROM liveness_challenges WHERE action_id = ? AND action_attempt_id = ? AND used_ms IS NOT NULL',
    )
    .get(actionId, actionAttemptId) as ChallengeRow | undefined;
  if (!row) return undefined;
  return {
    row,
    challenge: JSON.parse(row.challenge) as LivenessChallenge,
    clips: clipsOf(db, row.id),
  };
}

/** A challenge's clips by kind. */
export function clipsOf(db: Db, challengeId: string): Map<ClipKind, Buffer> {
  const clips = new Map<ClipKind, Buffer>();
  for (const c of db
    .prepare(
      'SELECT c.kind, b.data FROM liveness_clips c JOIN blobs b ON b.id = c.blob_id WHERE c.challenge_id = ?',
    )
    .all(challengeId) as { kind: ClipKind; data: Buffer }[])
    clips.set(c.kind, c.data);
  return clips;
}

/** Inside the review's commit: the result on the challenge, and a failure for the lockout. */
export function saveLivenessResult(
  db: Db,
  challengeId: string,
  applicantId: string,
  result: LivenessResult,
  now: number,
): void {
  db.prepare('UPDATE liveness_challenges SET result = ? WHERE id = ?').run(
    JSON.stringify(result),
    challengeId,
  );
  if (result.reviewAnswer !== 'GREEN')
    db.prepare('INSERT INTO liveness_failures (applicant_id, at_ms) VALUES (?, ?)').run(
      applicantId,
      now,
    );
}

/** The action's liveness as its view shows it: the latest consumed challenge's result. */
export function livenessView(ctx: ProviderContext, action: ActionRow) {
  const row = ctx.db
    .prepare(
      `SELECT * FROM liveness_challenges WHERE action_id = ? AND used_ms IS NOT NULL
       ORDER BY used_ms DESC, rowid DESC LIMIT 1`,
    )
    .get(action.id) as ChallengeRow | undefined;
  if (!row) return null;
  const result = row.result ? (JSON.parse(row.result) as LivenessResult) : null;
  const base = `${ctx.publicUrl()}/resources/applicantActions/${action.id}`;
  const kinds = clipKinds(ctx.db, row.id);
  const has = (...k: ClipKind[]) => k.some((x) => kinds.includes(x));
  return {
    challengeId: row.id,
    attemptId: row.action_attempt_id,
    reviewAnswer: result?.reviewAnswer ?? null,
    antiSpoofingIsValid: result?.antiSpoofingIsValid ?? null,
    antiSpoofingPercent: result?.antiSpoofingPercent ?? null,
    livenessReflectionIsValid: result?.livenessReflectionIsValid ?? null,
    livenessReflectionScore: result?.livenessReflectionScore ?? null,
    livenessReflectionConfidence: result?.livenessReflectionConfidence ?? null,
    rejectLabels: result?.rejectLabels ?? [],
    clips: kinds,
    livenessReflectionVideoLink: has('combined', 'reflection') ? `${base}/Video` : null,
    livenessActionVideoLink: has('combined', 'turns') ? `${base}/LivenessActionVideo` : null,
  };
}

/**
 * A clip of the action's latest consumed challenge (or of `attemptId`'s): `Video` serves the
 * reflection clip, `LivenessActionVideo` the turns clip; a combined clip is both.
 */
export function actionVideo(
  ctx: ProviderContext,
  action: ActionRow,
  which: 'Video' | 'LivenessActionVideo',
  attemptId?: string,
): BlobRow {
  const row = ctx.db
    .prepare(
      `SELECT * FROM liveness_challenges WHERE action_id = ? AND used_ms IS NOT NULL
       AND (? IS NULL OR action_attempt_id = ?) ORDER BY used_ms DESC, rowid DESC LIMIT 1`,
    )
    .get(action.id, attemptId ?? null, attemptId ?? null) as ChallengeRow | undefined;
  const kinds: ClipKind[] = which === 'Video' ? ['reflection', 'combined'] : ['turns', 'combined'];
  const clip = row
    ? (ctx.db
        .prepare(
          `SELECT blob_id FROM liveness_clips WHERE challenge_id = ? AND kind IN (?, ?) ORDER BY kind = 'combined'`,
        )
        .get(row.id, ...kinds) as { blob_id: string } | undefined)
    : undefined;
  const blob = clip ? getBlob(ctx.db, clip.blob_id) : undefined;
  if (!blob) throw new ApiError('noVideo', 'Validation response does not contain a video');
  return blob;
}
