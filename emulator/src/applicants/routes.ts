import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import {
  completeApplicant,
  createApplicant,
  deleteApplicant,
  reNotify,
  updateApplicant,
} from './applicants.js';
import type { CreateApplicantInput, UpdateApplicantInput } from './applicants.js';
import { attemptContent, attemptDetail } from './attempt-detail.js';
import { listApplicants } from './list.js';
import type { ListQuery } from './list.js';
import { attemptRows, getApplicantRow, getAttemptRow } from './repository.js';
import { isCompleted, statusNames } from './rows.js';
import { applicantView, attemptSummary } from './views.js';
import { getBlob } from '../platform/blobs.js';
import type { ProviderContext } from '../platform/context.js';
import { submitEnrolment, waitForAttempt } from './enrolment.js';
import { ApiError } from '../platform/errors.js';
import type { FilePart } from '../platform/body.js';
import * as s from '../schemas/applicants.js';
import { bearerSecurity } from '../schemas/common.js';

/**
 * Seed 002 shows its paths both as `/publicapi/publicapi/api/v2/...` (endpoint lines) and
 * `/publicapi/api/v2/...` (curl examples). The curl form is served and documented; the doubled
 * form is accepted too and hidden from the OpenAPI document.
 */
const prefixes = ['/publicapi/api/v2', '/publicapi/publicapi/api/v2'];

type Params = { applicantId: string; attemptId: number };

async function readRaw(req: FastifyRequest): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req.raw) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function applicantRoutes(app: FastifyInstance, ctx: ProviderContext): void {
  const add = (opts: RouteOptions & { schema: Record<string, unknown> }) => {
    prefixes.forEach((prefix, i) => {
      app.route({
        ...opts,
        url: prefix + opts.url,
        schema: { ...opts.schema, security: bearerSecurity, ...(i > 0 ? { hide: true } : {}) },
        config: { auth: 'secret' },
      });
    });
  };

  add({
    method: 'POST',
    url: '/private/Applicants',
    schema: s.createApplicantSchema,
    handler: async (req) => createApplicant(ctx, (req.body ?? {}) as CreateApplicantInput),
  });

  add({
    method: 'GET',
    url: '/private/Applicants',
    schema: s.listApplicantsSchema,
    handler: async (req) => listApplicants(ctx, req.query as ListQuery),
  });

  add({
    method: 'GET',
    url: '/private/Applicants/:applicantId',
    schema: s.getApplicantSchema,
    handler: async (req) => {
      const { applicantId } = req.params as Params;
      // Seed 002 documents the update as GET (its example is PUT): a GET that carries a body updates.
      const len = Number(req.headers['content-length'] ?? 0);
      if (len > 0 || req.headers['transfer-encoding']) {
        const raw = await readRaw(req);
        if (raw.length > 0) {
          let patch: UpdateApplicantInput;
          try {
            patch = JSON.parse(raw.toString('utf8')) as UpdateApplicantInput;
          } catch {
            throw new ApiError('validation', 'Body is not valid JSON');
          }
          return updateApplicant(ctx, applicantId, patch);
        }
      }
      return applicantView(ctx, getApplicantRow(ctx, applicantId));
    },
  });

  add({
    method: 'PUT',
    url: '/private/Applicants/:applicantId',
    schema: s.updateApplicantSchema,
    handler: async (req) =>
      updateApplicant(
        ctx,
        (req.params as Params).applicantId,
        (req.body ?? {}) as UpdateApplicantInput,
      ),
  });

  add({
    method: 'DELETE',
    url: '/private/Applicants/:applicantId',
    schema: s.deleteApplicantSchema,
    handler: async (req, reply) => {
      deleteApplicant(ctx, (req.params as Params).applicantId);
      return reply.code(200).send();
    },
  });

  add({
    method: 'GET',
    url: '/public/Applicants/:applicantId/Completed',
    schema: s.completedSchema,
    handler: async (req) => {
      const row = getApplicantRow(ctx, (req.params as Params).applicantId);
      if (!isCompleted(row.status)) {
        throw new ApiError('notCompleted', `Validation request "${row.id}" is not completed yet.`);
      }
      return {
        applicantId: row.id,
        completed: true,
        status: row.status,
        statusName: statusNames[row.status],
      };
    },
  });

  add({
    method: 'POST',
    url: '/public/Applicants/:applicantId/Complete',
    schema: s.completeSchema,
    handler: async (req) => completeApplicant(ctx, (req.params as Params).applicantId),
  });

  add({
    method: 'GET',
    url: '/private/Applicants/:applicantId/Attempts',
    schema: s.attemptsSchema,
    handler: async (req) => {
      const row = getApplicantRow(ctx, (req.params as Params).applicantId);
      return { attempts: attemptRows(ctx, row.id).map(attemptSummary) };
    },
  });

  add({
    method: 'GET',
    url: '/private/Applicants/:applicantId/Attempts/:attemptId',
    schema: s.attemptDetailSchema,
    handler: async (req) => {
      const { applicantId, attemptId } = req.params as Params;
      const row = getApplicantRow(ctx, applicantId);
      return attemptDetail(ctx, row, getAttemptRow(ctx, applicantId, attemptId));
    },
  });

  add({
    method: 'GET',
    url: '/private/Applicants/:applicantId/Attempts/:attemptId/Images',
    schema: s.attemptImagesSchema,
    handler: async (req) => {
      const { applicantId, attemptId } = req.params as Params;
      const row = getApplicantRow(ctx, applicantId);
      return attemptContent(ctx, row, getAttemptRow(ctx, applicantId, attemptId));
    },
  });

  add({
    method: 'POST',
    url: '/private/Applicants/:applicantId/ReNotify',
    schema: s.reNotifySchema,
    handler: async (req, reply) => {
      reNotify(ctx, (req.params as Params).applicantId);
      return reply.code(200).send();
    },
  });

  for (const kind of ['Video', 'LivenessActionVideo'] as const) {
    add({
      method: 'GET',
      url: `/private/Applicants/:applicantId/Attempts/:attemptId/${kind}`,
      schema: s.videoSchema,
      handler: async (req, reply) => {
        const { applicantId, attemptId } = req.params as Params;
        getApplicantRow(ctx, applicantId);
        const attempt = getAttemptRow(ctx, applicantId, attemptId);
        // Only a liveness-reflection video can be uploaded here; there is never a motion-control one.
        const blob =
          kind === 'Video' && attempt.video_blob_id
            ? getBlob(ctx.db, attempt.video_blob_id)
            : undefined;
        if (!blob) throw new ApiError('noVideo', 'Validation response does not contain a video');
        return reply.type(blob.mime).send(blob.data);
      },
    });
  }

  add({
    method: 'POST',
    url: '/private/Applicants/:applicantId/Attempts',
    schema: s.enrolSchema,
    handler: async (req, reply) => {
      const { applicantId } = req.params as Params;
      const q = req.query as { wait: boolean; waitMs: number };
      const body = req.body as { image: FilePart; video?: FilePart; captureMethod?: string };
      const applicant = getApplicantRow(ctx, applicantId);
      const attempt = await submitEnrolment(ctx, applicant, {
        image: body.image,
        video: body.video,
        captureMethod: body.captureMethod ?? 'api',
        requestIp: req.ip,
        userAgent: req.headers['user-agent'],
      });
      const decided = q.wait
        ? await waitForAttempt(ctx, applicantId, attempt.id, q.waitMs)
        : attempt;
      return reply.code(decided.status === 1 ? 202 : 200).send(attemptSummary(decided));
    },
  });
}
