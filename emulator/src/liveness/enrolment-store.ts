/**
 * Liveness for enrolment attempts, in SQLite: a challenge bound to the applicant and to who asked
 * (the validationLink's `requestId`, or the applicant API's secret key), single use, consumed by
 * the attempt's submit in the same transaction that stores the attempt and its clips. The clips
 * arrive with the submit (one multipart request, as the attempt's photo and `video` already do),
 * so nothing is stored for a challenge that is never used.
 */
import { randomBytes } from 'node:crypto';
import type { ApplicantRow } from '../applicants/rows.js';
import type { ProviderContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { ApiError } from '../platform/errors.js';
import { createChallenge } from './challenge.js';
import type { LivenessChallenge } from './challenge.js';
import {
  assertNotLockedOut,
  assertUsable,
  callerHash,
  challengeOf,
  clipsOf,
  insertChallenge,
  insertClip,
  missingClips,
  saveSeed,
  seededOr,
} from './store.js';
import type {
  ChallengeHolder,
  ChallengeRow,
  ChallengeSeed,
  ClipKind,
  LivenessPolicy,
  LivenessResult,
} from './store.js';

/** The account's enrolment liveness (`applicants.liveness`); off when the config does not say. */
export function enrolmentLivenessPolicy(ctx: ProviderContext): LivenessPolicy {
  const l = ctx.config.applicants.liveness;
  return { required: l?.required === true, reflection: l?.reflection !== false };
}

/** The clips sent with an attempt, by kind, and the challenge they answer. */
export interface EnrolmentLiveness {
  challengeId: string;
  clips: Map<ClipKind, { data: Buffer; mime: string }>;
}

/** Issues (and stores) a challenge for the applicant's next enrolment attempt. */
export function issueEnrolmentChallenge(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  holder: ChallengeHolder,
): LivenessChallenge {
  const { db } = ctx;
  const now = ctx.now();
  assertNotLockedOut(db, applicant.id, now);
  return db.transaction(() => {
    const seed = db
      .prepare('SELECT challenge FROM liveness_enrolment_seeds WHERE applicant_id = ?')
      .get(applicant.id) as { challenge: string } | undefined;
    const challenge = seededOr(createChallenge(randomBytes, new Date(now)), seed?.challenge);
    if (seed)
      db.prepare('DELETE FROM liveness_enrolment_seeds WHERE applicant_id = ?').run(applicant.id);
    insertChallenge(db, challenge, { actionId: null, applicantId: applicant.id, holder, now });
    return challenge;
  })();
}

/** Sandbox: fixes the applicant's next enrolment challenge. */
export function seedNextEnrolmentChallenge(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  seed: ChallengeSeed,
): Omit<LivenessChallenge, 'expiresAt'> {
  return saveSeed(
    ctx,
    { table: 'liveness_enrolment_seeds', key: 'applicant_id' },
    applicant.id,
    seed,
  );
}

/**
 * Inside the attempt's insert transaction: checks the challenge (this applicant's, for an
 * enrolment, issued to `holder`, unused, unexpired), marks it used by `attemptId` and stores the
 * clips. Without clips: refused when the policy requires liveness, nothing done otherwise. Throws
 * (rolling the attempt back) on any problem.
 */
export function consumeEnrolmentChallenge(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  attemptId: number,
  holder: ChallengeHolder,
  liveness: EnrolmentLiveness | undefined,
  now: number,
): void {
  const { db } = ctx;
  const policy = enrolmentLivenessPolicy(ctx);
  if (!liveness) {
    if (!policy.required) return;
    throw new ApiError(
      'livenessRequired',
      'Enrolment requires liveness: ask for a challenge (…/liveness/challenge) and send its clip(s) with the attempt',
    );
  }
  assertNotLockedOut(db, applicant.id, now);
  const row = challengeOf(db, liveness.challengeId);
  if (!row || row.action_id !== null || row.applicant_id !== applicant.id) {
    throw new ApiError(
      'notFound',
      `No enrolment challenge ${liveness.challengeId} for applicant ${applicant.id}`,
    );
  }
  if (row.caller_hash !== callerHash(holder)) {
    throw new ApiError(
      'accessTokenScope',
      'The challenge was issued to another caller; send the attempt the way the challenge was asked for',
    );
  }
  assertUsable(row, now);
  const kinds = [...liveness.clips.keys()];
  const missing = missingClips(kinds, policy);
  if (missing) throw new ApiError('livenessRequired', `Challenge ${row.id} needs ${missing}`);
  const used = db
    .prepare(
      'UPDATE liveness_challenges SET used_ms = ?, enrolment_attempt_id = ? WHERE id = ? AND used_ms IS NULL',
    )
    .run(now, attemptId, row.id);
  if (used.changes !== 1)
    throw new ApiError('livenessChallengeUsed', `Challenge ${row.id} was used already`);
  for (const [kind, clip] of liveness.clips) insertClip(db, row.id, kind, clip, now);
}

/** The challenge an enrolment attempt consumed, with its clips; undefined when none was. */
export function enrolmentChallenge(
  db: Db,
  attemptId: number,
): { row: ChallengeRow; challenge: LivenessChallenge; clips: Map<ClipKind, Buffer> } | undefined {
  const row = db
    .prepare('SELECT * FROM liveness_challenges WHERE enrolment_attempt_id = ?')
    .get(attemptId) as ChallengeRow | undefined;
  if (!row) return undefined;
  return {
    row,
    challenge: JSON.parse(row.challenge) as LivenessChallenge,
    clips: clipsOf(db, row.id),
  };
}

/** The attempt's liveness result (null before its review, or without liveness). */
export function enrolmentLivenessResult(db: Db, attemptId: number): LivenessResult | null {
  const row = db
    .prepare('SELECT result FROM liveness_challenges WHERE enrolment_attempt_id = ?')
    .get(attemptId) as { result: string | null } | undefined;
  return row?.result ? (JSON.parse(row.result) as LivenessResult) : null;
}

/**
 * The blob of an attempt's clip: `Video` the reflection clip (or the combined one),
 * `LivenessActionVideo` the turns clip (or the combined one). Undefined when there is none.
 */
export function enrolmentClipBlobId(
  db: Db,
  attemptId: number,
  which: 'Video' | 'LivenessActionVideo',
): string | undefined {
  const kinds: ClipKind[] = which === 'Video' ? ['reflection', 'combined'] : ['turns', 'combined'];
  const row = db
    .prepare(
      `SELECT c.blob_id FROM liveness_clips c JOIN liveness_challenges l ON l.id = c.challenge_id
       WHERE l.enrolment_attempt_id = ? AND c.kind IN (?, ?) ORDER BY c.kind = 'combined'`,
    )
    .get(attemptId, ...kinds) as { blob_id: string } | undefined;
  return row?.blob_id;
}
