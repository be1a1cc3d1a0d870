import { attemptRows, getAttemptRow } from './repository.js';
import type { ApplicantRow, AttemptRow } from './rows.js';
import { AttemptStatus, isClosed } from './rows.js';
import { insertBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { ApiError } from '../platform/errors.js';
import { checkImage } from '../platform/images.js';
import { checkVideo } from '../platform/videos.js';
import { createHash } from 'node:crypto';
import { consumeEnrolmentChallenge } from '../liveness/enrolment-store.js';
import type { EnrolmentLiveness } from '../liveness/enrolment-store.js';
import type { ChallengeHolder } from '../liveness/store.js';
import type { ClipKind } from '../liveness/store.js';

export interface EnrolmentUpload {
  image: { data: Buffer; mimeType: string };
  video?: { data: Buffer; mimeType: string } | undefined;
  captureMethod: string;
  requestIp?: string | undefined;
  userAgent?: string | undefined;
  /** Who sends the attempt: the liveness challenge must have been issued to the same. */
  holder: ChallengeHolder;
  /** The liveness challenge answered and its clip(s) (`liveness/enrolment-store.ts`). */
  liveness?: { challengeId: string; clips: Partial<Record<ClipKind, VideoFile>> } | undefined;
}

type VideoFile = { data: Buffer; mimeType: string };

/** The only container a liveness clip may be: MediaRecorder's WebM. */
const CLIP_MIME_TYPES = ['video/webm'];

/**
 * One submission of the main verification = one attempt. The photo is checked, stored and
 * queued for the reviewer's `enrol` in one transaction; the verdict arrives asynchronously.
 */
export async function submitEnrolment(
  ctx: ProviderContext,
  applicant: ApplicantRow,
  upload: EnrolmentUpload,
): Promise<AttemptRow> {
  assertCanAttempt(ctx, applicant);
  // Refused (503) before the photo is decoded when the review queue is full.
  ctx.admitReview();
  const img = await checkImage(upload.image.data, upload.image.mimeType, ctx.config.images);
  const video = upload.video ? checkVideo(upload.video, ctx.config.videos) : null;
  const liveness = checkedClips(ctx, upload.liveness);
  const { db } = ctx;
  const attemptId = db.transaction(() => {
    const fresh = db.prepare('SELECT * FROM applicants WHERE id = ?').get(applicant.id) as
      ApplicantRow | undefined;
    if (!fresh) throw new ApiError('bafNotFound', `Applicant ${applicant.id} not found`);
    assertCanAttempt(ctx, fresh);
    const now = ctx.now();
    const blobId = insertBlob(db, img, now);
    const videoId = video
      ? insertBlob(
          db,
          {
            data: video.data,
            mime: video.mime,
            sha256: createHash('sha256').update(video.data).digest('hex'),
          },
          now,
        )
      : null;
    const info = db
      .prepare(
        `INSERT INTO attempts (applicant_id, created_ms, status, blob_id, video_blob_id, capture_method, request_ip, user_agent)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        fresh.id,
        now,
        AttemptStatus.inProgress,
        blobId,
        videoId,
        upload.captureMethod,
        upload.requestIp ?? null,
        upload.userAgent ?? null,
      );
    const id = Number(info.lastInsertRowid);
    // The challenge is spent with this attempt, or the attempt is not made.
    consumeEnrolmentChallenge(ctx, fresh, id, upload.holder, liveness, now);
    db.prepare(
      `INSERT INTO jobs (kind, subject_id, state, created_ms) VALUES ('enrolment', ?, 'queued', ?)`,
    ).run(String(id), now);
    return id;
  })();
  ctx.wake.reviews();
  return getAttemptRow(ctx, applicant.id, attemptId);
}

function checkedClips(
  ctx: ProviderContext,
  sent: EnrolmentUpload['liveness'],
): EnrolmentLiveness | undefined {
  if (!sent) return undefined;
  const clips: EnrolmentLiveness['clips'] = new Map();
  for (const [kind, file] of Object.entries(sent.clips) as [ClipKind, VideoFile | undefined][]) {
    if (file)
      clips.set(
        kind,
        checkVideo(file, { maxBytes: ctx.config.videos.maxBytes, mimeTypes: CLIP_MIME_TYPES }),
      );
  }
  return { challengeId: sent.challengeId, clips };
}

function assertCanAttempt(ctx: ProviderContext, applicant: ApplicantRow): void {
  if (isClosed(applicant.status)) {
    throw new ApiError(
      'invalidState',
      `Applicant ${applicant.id} is closed (status ${applicant.status})`,
    );
  }
  const attempts = attemptRows(ctx, applicant.id);
  if (attempts.some((a) => a.status === AttemptStatus.inProgress)) {
    throw new ApiError('invalidState', 'An attempt of this applicant is still being verified');
  }
  if (attempts.length >= applicant.attempts_limit) {
    throw new ApiError(
      'invalidState',
      `The attempt limit (${applicant.attempts_limit}) is used up`,
    );
  }
}

/** Resolves when the attempt is decided or `timeoutMs` has passed, whichever comes first. */
export async function waitForAttempt(
  ctx: ProviderContext,
  applicantId: string,
  attemptId: number,
  timeoutMs: number,
): Promise<AttemptRow> {
  const read = () => getAttemptRow(ctx, applicantId, attemptId);
  if (read().status !== AttemptStatus.inProgress || timeoutMs <= 0) return read();
  await new Promise<void>((resolve) => {
    const done = (_job: number, kind: string, subject: string) => {
      if (kind === 'enrolment' && subject === String(attemptId)) finish();
    };
    const timer = setTimeout(() => finish(), timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      ctx.events.off('job-finished', done);
      resolve();
    };
    ctx.events.on('job-finished', done);
  });
  return read();
}
