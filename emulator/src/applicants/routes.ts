import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  completeApplicant,
  createApplicant,
  deleteApplicant,
  reNotify,
  updateApplicant,
} from './applicants.js';
import type { UpdateApplicantBody } from '../contract.js';
import { attemptContent, attemptDetail } from './attempt-detail.js';
import { listApplicants } from './list.js';
import { attemptRows, getApplicantRow, getAttemptRow } from './repository.js';
import { isCompleted, statusNames } from './rows.js';
import { applicantView, attemptSummary } from './views.js';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { submitEnrolment, waitForAttempt } from './enrolment.js';
import type { EnrolmentUpload } from './enrolment.js';
import type { FilePart } from '../platform/body.js';
import { ApiError } from '../platform/errors.js';
import type { SchemaTypes } from '../platform/schema-types.js';
import * as s from '../schemas/applicants.js';
import { bearerSecurity } from '../schemas/common.js';
import { enrolmentClipBlobId, issueEnrolmentChallenge } from '../liveness/enrolment-store.js';

/**
 * The applicant API's documentation shows its paths both as `/publicapi/publicapi/api/v2/...`
 * (endpoint lines) and `/publicapi/api/v2/...` (curl examples). The curl form is served and
 * documented; the doubled form is accepted too and hidden from the OpenAPI document.
 */
const prefixes = ['/publicapi/api/v2', '/publicapi/publicapi/api/v2'];

async function readRaw(req: FastifyRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req.raw) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The attempt's liveness parts: a `challengeId` and its clip(s); undefined when none is sent. */
export function livenessParts(body: {
  challengeId?: string | undefined;
  combined?: FilePart | undefined;
  turns?: FilePart | undefined;
  reflection?: FilePart | undefined;
}): EnrolmentUpload['liveness'] {
  const { challengeId, combined, turns, reflection } = body;
  if (!challengeId) {
    if (combined || turns || reflection)
      throw new ApiError('validation', 'A liveness clip needs the challengeId it answers');
    return undefined;
  }
  return { challengeId, clips: { combined, turns, reflection } };
}

export function applicantRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  prefixes.forEach((prefix, i) => applicantApi(app, ctx, prefix, i > 0));
}

/** The applicant API under one path prefix; `hidden` keeps it out of the OpenAPI document. */
function applicantApi(
  app: FastifyInstance,
  ctx: ProviderContext,
  prefix: string,
  hidden: boolean,
): void {
  const api = app.withTypeProvider<SchemaTypes>();
  const config = { auth: 'secret' } as const;
  const doc = <S extends object>(schema: S) => ({
    ...schema,
    security: bearerSecurity,
    ...(hidden ? { hide: true } : {}),
  });

  api.post(`${prefix}/private/Applicants`, {
    schema: doc(s.createApplicantSchema),
    config,
    handler: async (req) => createApplicant(ctx, req.body ?? {}),
  });

  api.get(`${prefix}/private/Applicants`, {
    schema: doc(s.listApplicantsSchema),
    config,
    handler: async (req) => listApplicants(ctx, req.query),
  });

  api.get(`${prefix}/private/Applicants/:applicantId`, {
    schema: doc(s.getApplicantSchema),
    config,
    handler: async (req) => {
      const { applicantId } = req.params;
      // The applicant API documents the update as GET (its example is PUT): a GET with a body
      // updates.
      const len = Number(req.headers['content-length'] ?? 0);
      if (len > 0 || req.headers['transfer-encoding']) {
        const raw = await readRaw(req);
        if (raw.length > 0) {
          let patch: UpdateApplicantBody;
          try {
            patch = JSON.parse(raw.toString('utf8')) as UpdateApplicantBody;
          } catch {
            throw new ApiError('validation', 'Body is not valid JSON');
          }
          return updateApplicant(ctx, applicantId, patch);
        }
      }
      return applicantView(ctx, getApplicantRow(ctx, applicantId));
    },
  });

  api.put(`${prefix}/private/Applicants/:applicantId`, {
    schema: doc(s.updateApplicantSchema),
    config,
    handler: async (req) => updateApplicant(ctx, req.params.applicantId, req.body ?? {}),
  });

  api.delete(`${prefix}/private/Applicants/:applicantId`, {
    schema: doc(s.deleteApplicantSchema),
    config,
    handler: async (req, reply) => {
      deleteApplicant(ctx, req.params.applicantId);
      return reply.code(200).send();
    },
  });

  api.get(`${prefix}/public/Applicants/:applicantId/Completed`, {
    schema: doc(s.completedSchema),
    config,
    handler: async (req) => {
      const row = getApplicantRow(ctx, req.params.applicantId);
      if (!isCompleted(row.status)) {
        throw new ApiError('notCompleted', `Validation request "${row.id}" is not completed yet.`);
      }
      return {
        applicantId: row.id,
        completed: true,
        status: row.status,
        statusName: statusNames[row.status] ?? 'Unknown',
      };
    },
  });

  api.post(`${prefix}/public/Applicants/:applicantId/Complete`, {
    schema: doc(s.completeSchema),
    config,
    handler: async (req) => completeApplicant(ctx, req.params.applicantId),
  });

  api.get(`${prefix}/private/Applicants/:applicantId/Attempts`, {
    schema: doc(s.attemptsSchema),
    config,
    handler: async (req) => {
      const row = getApplicantRow(ctx, req.params.applicantId);
      return { attempts: attemptRows(ctx, row.id).map(attemptSummary) };
    },
  });

  api.get(`${prefix}/private/Applicants/:applicantId/Attempts/:attemptId`, {
    schema: doc(s.attemptDetailSchema),
    config,
    handler: async (req) => {
      const { applicantId, attemptId } = req.params;
      const row = getApplicantRow(ctx, applicantId);
      return attemptDetail(ctx, row, getAttemptRow(ctx, applicantId, attemptId));
    },
  });

  api.get(`${prefix}/private/Applicants/:applicantId/Attempts/:attemptId/Images`, {
    schema: doc(s.attemptImagesSchema),
    config,
    handler: async (req) => {
      const { applicantId, attemptId } = req.params;
      const row = getApplicantRow(ctx, applicantId);
      return attemptContent(ctx, row, getAttemptRow(ctx, applicantId, attemptId));
    },
  });

  api.post(`${prefix}/private/Applicants/:applicantId/ReNotify`, {
    schema: doc(s.reNotifySchema),
    config,
    handler: async (req, reply) => {
      reNotify(ctx, req.params.applicantId);
      return reply.code(200).send();
    },
  });

  for (const kind of ['Video', 'LivenessActionVideo'] as const) {
    api.get(`${prefix}/private/Applicants/:applicantId/Attempts/:attemptId/${kind}`, {
      schema: doc(s.videoSchema),
      config,
      handler: async (req, reply) => {
        const { applicantId, attemptId } = req.params;
        getApplicantRow(ctx, applicantId);
        const attempt = getAttemptRow(ctx, applicantId, attemptId);
        // A liveness clip of the attempt's challenge, else (`Video`) the video sent with the photo.
        const blobId =
          enrolmentClipBlobId(ctx.db, attempt.id, kind) ??
          (kind === 'Video' ? attempt.video_blob_id : null);
        const blob = blobId ? getBlob(ctx.db, blobId) : undefined;
        if (!blob) throw new ApiError('noVideo', 'Validation response does not contain a video');
        return reply.type(blob.mime).send(blob.data);
      },
    });
  }

  api.post(`${prefix}/private/Applicants/:applicantId/liveness/challenge`, {
    schema: doc(s.enrolmentChallengeSchema),
    config,
    handler: async (req) =>
      issueEnrolmentChallenge(ctx, getApplicantRow(ctx, req.params.applicantId), req.caller),
  });

  api.post(`${prefix}/private/Applicants/:applicantId/Attempts`, {
    schema: doc(s.enrolSchema),
    config,
    handler: async (req, reply) => {
      const { applicantId } = req.params;
      const q = req.query;
      const body = req.body;
      const applicant = getApplicantRow(ctx, applicantId);
      const attempt = await submitEnrolment(ctx, applicant, {
        image: body.image,
        video: body.video,
        captureMethod: body.captureMethod ?? 'api',
        requestIp: req.ip,
        userAgent: req.headers['user-agent'],
        holder: req.caller,
        liveness: livenessParts(body),
      });
      const decided = q.wait
        ? await waitForAttempt(ctx, applicantId, attempt.id, q.waitMs)
        : attempt;
      return reply.code(decided.status === 1 ? 202 : 200).send(attemptSummary(decided));
    },
  });
}
