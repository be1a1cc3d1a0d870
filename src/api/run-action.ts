import type { ReviewAnswer } from '../core/action-result.js';
import type { ApplicantAction, ReviewRejectType } from '../core/api-types.js';
import { isReviewSettled } from '../core/api-types.js';
import type { ActionStep } from '../core/action-flow-errors.js';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { PollPolicy } from '../core/polling.js';
import { DEFAULT_POLL_POLICY, PollSchedule } from '../core/polling.js';
import type { RetryPolicy } from '../core/retry.js';
import { DEFAULT_RETRY_POLICY } from '../core/retry.js';
import type { LivenessChallenge, LivenessClip } from '../core/liveness.js';
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import { abortedError, throwIfAborted } from './http.js';
import { ActionApiClient } from './action-api-client.js';
import type { AccessTokenProvider } from './token-source.js';
import { AccessTokenSource } from './token-source.js';
import type { UploadProgress, UploadTransport } from './upload.js';
import { pickTransport } from './upload.js';

/** What the element knows (its attributes/properties), read once per run. */
export interface ActionClientConfig {
  /** `api-base-url`: the provider's origin (+ path prefix), e.g. `https://api.provider.example`. */
  apiBaseUrl: string;
  /** `token-url`: the host backend's endpoint that mints an access token. */
  tokenUrl?: string | undefined;
  /** Takes precedence over `tokenUrl`. */
  accessTokenProvider?: AccessTokenProvider | undefined;
  /** The action the token was issued for; may instead come from the token-url answer. */
  externalActionId?: string | undefined;
  /** Optional with an access token (the token names its level). */
  levelName?: string | undefined;
  /** `metadata.country` of the selfie: ISO 3166-1 alpha-3. */
  country: string;
  retry?: Partial<RetryPolicy> | undefined;
  poll?: Partial<PollPolicy> | undefined;
  /** Per JSON request (resolve, submit, each poll). Default 15 s. */
  requestTimeoutMs?: number | undefined;
  /** For the upload. Default 60 s. */
  uploadTimeoutMs?: number | undefined;
  /** Default `auto`: XHR in browsers, fetch elsewhere (see src/api/upload.ts). */
  uploadTransport?: UploadTransport | undefined;
  clock?: Clock | undefined;
  random?: (() => number) | undefined;
}

/** The steps a run reports, in order; `uploading` is followed by progress callbacks. */
export type ActionPhase =
  'authorizing' | 'resolving' | 'liveness' | 'uploading' | 'submitting' | 'reviewing';

/**
 * The liveness phase of a run: after the action is resolved the client fetches a challenge and
 * hands it to `record`, which shows it to the person and resolves the recorded clips. A clip
 * handed to `onClip` while the phase goes on (the colours', while the person turns) goes up at
 * once, so the provider can measure it before the submit; the others go up after the selfie.
 */
export interface LivenessRecorder {
  record(
    challenge: LivenessChallenge,
    signal: AbortSignal,
    onClip?: (clip: LivenessClip) => void,
  ): Promise<LivenessClip[]>;
}

export interface RunActionOptions {
  image: Blob;
  /** Default `selfie.jpg`. */
  fileName?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  onState?: ((phase: ActionPhase) => void) | undefined;
  /** Set: a liveness challenge is recorded and its clips are sent with the selfie. */
  liveness?: LivenessRecorder | undefined;
}

/** The outcome, mirroring the mobile SDKs' `actionResult` plus the review's reasons. */
export interface ActionOutcome {
  actionId: string;
  externalActionId: string;
  /** `onHold`: a human will decide later; there is no answer yet. */
  reviewStatus: 'completed' | 'onHold';
  /** `null` only when `onHold` (the Android SDK's `null` answer). */
  answer: ReviewAnswer | null;
  reviewResult: {
    rejectLabels: string[];
    reviewRejectType: ReviewRejectType | null;
  };
  /** The action as last read from the provider. */
  action: ApplicantAction;
}

const COUNTRY = /^[A-Z]{3}$/;

/**
 * One run of the provider flow: token → resolve-or-create the action → upload → submit → poll.
 * Rejects only with an `ActionFlowError` (code `aborted` when `signal` fires).
 */
export function runAction(
  config: ActionClientConfig,
  options: RunActionOptions,
): Promise<ActionOutcome> {
  return new ActionClient(config).run(options);
}

export class ActionClient {
  constructor(private readonly config: ActionClientConfig) {}

  async run(options: RunActionOptions): Promise<ActionOutcome> {
    const signal = options.signal ?? new AbortController().signal;
    let step: ActionStep = 'token';
    try {
      const c = this.config;
      if (!c.apiBaseUrl) throw new ActionFlowError('config', 'api-base-url is not set', { step });
      if (!COUNTRY.test(c.country)) {
        throw new ActionFlowError(
          'config',
          'country must be an ISO 3166-1 alpha-3 code, e.g. RUS',
          { step },
        );
      }
      const tokens = new AccessTokenSource({
        tokenUrl: c.tokenUrl,
        accessTokenProvider: c.accessTokenProvider,
      });
      if (!tokens.configured)
        throw new ActionFlowError('config', 'Set token-url or accessTokenProvider', { step });

      const clock = c.clock ?? realClock;
      const random = c.random ?? Math.random;
      const api = new ActionApiClient(
        {
          apiBaseUrl: c.apiBaseUrl,
          requestTimeoutMs: c.requestTimeoutMs ?? 15_000,
          uploadTimeoutMs: c.uploadTimeoutMs ?? 60_000,
          uploadTransport: pickTransport(c.uploadTransport ?? 'auto'),
        },
        { tokens, signal, clock, random, retry: { ...DEFAULT_RETRY_POLICY, ...c.retry } },
      );
      const phase = (p: ActionPhase): void => {
        throwIfAborted(signal, step);
        options.onState?.(p);
      };

      phase('authorizing');
      await tokens.get(signal);
      const externalActionId = c.externalActionId || tokens.externalActionId;
      if (!externalActionId) {
        throw new ActionFlowError(
          'config',
          'externalActionId is not set and the token endpoint did not name it',
          {
            step,
          },
        );
      }

      step = 'resolve';
      phase('resolving');
      let action = await api.resolveAction(externalActionId, c.levelName);

      if (needsImage(action)) {
        let clips: LivenessClip[] = [];
        let challengeId = '';
        /** Clips sent while the phase went on, by kind; their failures count at the upload step. */
        const sentEarly = new Map<LivenessClip['kind'], Promise<unknown>>();
        const sendClip = (clip: LivenessClip, onProgress: (p: UploadProgress) => void) =>
          api.addVideo(
            action.id,
            clip.blob,
            { challengeId, kind: clip.kind },
            `${clip.kind}.webm`,
            onProgress,
          );
        if (options.liveness) {
          step = 'liveness';
          phase('liveness');
          const challenge = await api.createLivenessChallenge(action.id);
          challengeId = challenge.challengeId;
          clips = await options.liveness.record(challenge, signal, (clip) => {
            const sent = sendClip(clip, () => {});
            sent.catch(() => {}); // awaited (and thrown) at the upload step
            sentEarly.set(clip.kind, sent);
          });
          throwIfAborted(signal, step);
        }

        step = 'upload';
        phase('uploading');
        // One progress over every byte: the selfie, then each clip (one sent early counts when
        // its upload has ended).
        const sizes = [options.image.size, ...clips.map((c) => c.blob.size)];
        const total = sizes.reduce((a, b) => a + b, 0);
        let done = 0;
        const progress = (index: number) => (p: UploadProgress) => {
          const transferredBytes = Math.min(total, done + p.fraction * sizes[index]!);
          options.onProgress?.({
            transferredBytes,
            totalBytes: total,
            fraction: total > 0 ? transferredBytes / total : 0,
          });
        };
        progress(0)({ transferredBytes: 0, totalBytes: 0, fraction: 0 });
        await api.addImage(
          action.id,
          options.image,
          { idDocType: 'SELFIE', country: c.country },
          options.fileName ?? 'selfie.jpg',
          progress(0),
        );
        done += sizes[0]!;
        for (const [i, clip] of clips.entries()) {
          const early = sentEarly.get(clip.kind);
          if (early) {
            await early;
            progress(i + 1)({
              transferredBytes: sizes[i + 1]!,
              totalBytes: sizes[i + 1]!,
              fraction: 1,
            });
          } else {
            await sendClip(clip, progress(i + 1));
          }
          done += sizes[i + 1]!;
        }

        step = 'submit';
        phase('submitting');
        action = await this.submit(api, action.id);
      }

      step = 'review';
      phase('reviewing');
      action = await this.poll(api, action, clock, random, signal);
      return outcomeOf(action, externalActionId);
    } catch (e) {
      if (e instanceof ActionFlowError) throw e;
      if (signal.aborted) throw abortedError(step, e);
      throw new ActionFlowError('network', `Unexpected failure at ${step}`, { step, cause: e });
    }
  }

  /**
   * A replayed submit can find its first try already reviewed (409 invalid-state): re-read the
   * action and go on if it left `init`.
   */
  private async submit(api: ActionApiClient, actionId: string): Promise<ApplicantAction> {
    try {
      return await api.submit(actionId);
    } catch (e) {
      if (!(e instanceof ActionFlowError) || e.code !== 'provider-rejected' || e.status !== 409)
        throw e;
      const current = await api.getAction(actionId, 'submit');
      if (current.review.reviewStatus === 'init') throw e;
      return current;
    }
  }

  private async poll(
    api: ActionApiClient,
    first: ApplicantAction,
    clock: Clock,
    random: () => number,
    signal: AbortSignal,
  ): Promise<ApplicantAction> {
    let action = first;
    const policy = { ...DEFAULT_POLL_POLICY, ...this.config.poll };
    const schedule = new PollSchedule(clock.now(), policy, random);
    // A hold is a pause, not an answer: keep reading until the poll timeout, so a quick
    // decision still reaches the person; only then end on hold ("we will let you know").
    while (action.review.reviewStatus !== 'completed') {
      const wait = schedule.next(clock.now());
      if (wait === null) {
        if (isReviewSettled(action.review.reviewStatus)) return action;
        throw new ActionFlowError(
          'timeout',
          `The review was still '${action.review.reviewStatus}' after ${policy.timeoutMs} ms`,
          { step: 'review' },
        );
      }
      try {
        await clock.sleep(wait, signal);
      } catch (abort) {
        throw abortedError('review', abort);
      }
      action = await api.getAction(action.id);
    }
    return action;
  }
}

/** `init`, or a completed RED that the provider lets the user retry (a new attempt). */
function needsImage(action: ApplicantAction): boolean {
  const r = action.review;
  if (r.reviewStatus === 'init') return true;
  return (
    r.reviewStatus === 'completed' &&
    r.reviewResult?.reviewAnswer === 'RED' &&
    r.reviewResult.reviewRejectType === 'RETRY'
  );
}

function outcomeOf(action: ApplicantAction, externalActionId: string): ActionOutcome {
  const r = action.review;
  const result = r.reviewResult;
  return {
    actionId: action.id,
    externalActionId: action.externalActionId ?? externalActionId,
    reviewStatus: r.reviewStatus === 'onHold' ? 'onHold' : 'completed',
    answer: r.reviewStatus === 'onHold' ? null : (result?.reviewAnswer ?? 'ERROR'),
    reviewResult: {
      rejectLabels: Array.isArray(result?.rejectLabels) ? [...result.rejectLabels] : [],
      reviewRejectType: result?.reviewRejectType ?? null,
    },
    action,
  };
}
