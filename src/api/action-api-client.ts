import type { KyInstance } from 'ky';
import type { ActionImage, ApplicantAction, ImageMetadata } from '../core/api-types.js';
import { isApplicantAction } from '../core/api-types.js';
import type { ActionStep } from '../core/action-flow-errors.js';
import {
  isLivenessChallenge,
  type LivenessChallenge,
  type LivenessClipKind,
} from '../core/liveness.js';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { ExecuteContext } from './http.js';
import { ACCESS_TOKEN_HEADER, createKy, execute, kySend } from './http.js';
import type { UploadProgress } from './upload.js';
import { upload } from './upload.js';

export interface ActionApiClientOptions {
  apiBaseUrl: string;
  requestTimeoutMs: number;
  uploadTimeoutMs: number;
  uploadTransport: 'xhr' | 'fetch';
}

const actionPath = (actionId: string): string =>
  `resources/applicantActions/${encodeURIComponent(actionId)}`;

/**
 * The browser's client of the Actions API: the four calls it makes with an access token, each
 * with its replay rule. Paths are relative to `api-base-url`. (The host backend's signed client
 * is `ProviderClient` in `face-auth-widget/server`.)
 */
export class ActionApiClient {
  private readonly ky: KyInstance;

  constructor(
    private readonly options: ActionApiClientOptions,
    private readonly ctx: ExecuteContext,
  ) {
    this.ky = createKy(options.apiBaseUrl);
  }

  /**
   * Resolve-or-create the token's action. With an access token the applicant is `-` (the
   * token's) and `levelName` may be omitted; the provider answers the existing action for the
   * same `externalActionId`, so the POST is idempotent and may be replayed.
   */
  resolveAction(externalActionId: string, levelName?: string): Promise<ApplicantAction> {
    return execute(
      {
        step: 'resolve',
        method: 'POST',
        idempotent: true,
        send: (token, signal) =>
          kySend(
            this.ky,
            'resources/applicantActions/-/forApplicant/-',
            {
              method: 'post',
              json: { externalActionId },
              ...(levelName ? { searchParams: { levelName } } : {}),
              ...this.common(token, signal),
            },
            this.ctx.clock,
          ),
        parse: (data) => asAction(data, 'resolve'),
      },
      this.ctx,
    );
  }

  /** Adds the selfie. Not idempotent (each call adds an image), so replayed only when provably unsent. */
  addImage(
    actionId: string,
    image: Blob,
    metadata: ImageMetadata,
    fileName: string,
    onProgress: (p: UploadProgress) => void,
  ): Promise<ActionImage> {
    return this.sendFile(
      `${actionPath(actionId)}/images`,
      image,
      metadata,
      fileName,
      onProgress,
      (data) => {
        if (
          typeof data !== 'object' ||
          data === null ||
          typeof (data as { id?: unknown }).id !== 'string'
        ) {
          throw new ActionFlowError('provider-response', 'The image upload answer has no id', {
            step: 'upload',
          });
        }
        return data as ActionImage;
      },
    );
  }

  /**
   * A liveness challenge for the action: colours and turns, single use, expiring. Replaying the POST
   * only issues another challenge (the unused one expires), so it may be replayed.
   */
  createLivenessChallenge(actionId: string): Promise<LivenessChallenge> {
    return execute(
      {
        step: 'liveness',
        method: 'POST',
        idempotent: true,
        send: (token, signal) =>
          kySend(
            this.ky,
            `${actionPath(actionId)}/liveness/challenge`,
            { method: 'post', ...this.common(token, signal) },
            this.ctx.clock,
          ),
        parse: (data) => {
          if (!isLivenessChallenge(data)) {
            throw new ActionFlowError(
              'provider-response',
              'The answer is not a liveness challenge',
              {
                step: 'liveness',
              },
            );
          }
          return data;
        },
      },
      this.ctx,
    );
  }

  /** Adds a liveness clip. Not idempotent, like the image (each call adds a video). */
  addVideo(
    actionId: string,
    clip: Blob,
    metadata: { challengeId: string; kind: LivenessClipKind },
    fileName: string,
    onProgress: (p: UploadProgress) => void,
  ): Promise<unknown> {
    return this.sendFile(
      `${actionPath(actionId)}/videos`,
      clip,
      metadata,
      fileName,
      onProgress,
      (d) => d,
    );
  }

  /** A multipart upload of `metadata` + `content`, with progress; not idempotent. */
  private sendFile<T>(
    path: string,
    file: Blob,
    metadata: object,
    fileName: string,
    onProgress: (p: UploadProgress) => void,
    parse: (data: unknown) => T,
  ): Promise<T> {
    return execute(
      {
        step: 'upload',
        method: 'POST',
        idempotent: false,
        send: (token, signal) => {
          // A fresh FormData per attempt: a streamed body cannot be sent twice.
          const form = new FormData();
          form.append('metadata', JSON.stringify(metadata));
          form.append('content', file, fileName);
          return upload(
            {
              client: this.ky,
              prefixUrl: this.options.apiBaseUrl,
              path,
              form,
              token,
              signal,
              timeoutMs: this.options.uploadTimeoutMs,
              clock: this.ctx.clock,
              onProgress,
            },
            this.options.uploadTransport,
          );
        },
        parse,
      },
      this.ctx,
    );
  }

  /** `review/status/pending`: idempotent while the review is under way (API + emulator docs). */
  submit(actionId: string): Promise<ApplicantAction> {
    return execute(
      {
        step: 'submit',
        method: 'POST',
        idempotent: true,
        send: (token, signal) =>
          kySend(
            this.ky,
            `${actionPath(actionId)}/review/status/pending`,
            { method: 'post', ...this.common(token, signal) },
            this.ctx.clock,
          ),
        parse: (data) => asAction(data, 'submit'),
      },
      this.ctx,
    );
  }

  getAction(actionId: string, step: ActionStep = 'review'): Promise<ApplicantAction> {
    return execute(
      {
        step,
        method: 'GET',
        idempotent: true,
        send: (token, signal) =>
          kySend(
            this.ky,
            `${actionPath(actionId)}/one`,
            { method: 'get', ...this.common(token, signal) },
            this.ctx.clock,
          ),
        parse: (data) => asAction(data, step),
      },
      this.ctx,
    );
  }

  private common(token: string, signal: AbortSignal) {
    return {
      headers: { [ACCESS_TOKEN_HEADER]: token },
      signal,
      timeout: this.options.requestTimeoutMs,
    };
  }
}

function asAction(data: unknown, step: ActionStep): ApplicantAction {
  if (!isApplicantAction(data)) {
    throw new ActionFlowError(
      'provider-response',
      'The provider answer is not an applicant action',
      { step },
    );
  }
  return data;
}
