import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as RunAction from '../api/run-action.js';
import type { ActionClientConfig, ActionOutcome, LivenessRecorder } from '../api/run-action.js';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { ActionResult, ActionResultDecision } from '../core/action-result.js';
import type { CapturedImage } from '../core/flow.js';
import type { FaceAuthActionResultDetail } from '../events/face-auth-action-result.js';
import type { Transition } from '../face-auth.events.js';
import type { Translation } from '../translations/index.js';

/** Awaited after `face-auth-action-result`: `cancel` closes the flow without the result screen. */
export type ActionResultHandler = (
  result: FaceAuthActionResultDetail,
) => ActionResultDecision | Promise<ActionResultDecision>;

export interface ProviderRunOptions {
  /** Read at the start of each run, so attribute changes apply to the next run. */
  config: () => ActionClientConfig;
  transition: Transition;
  translation: () => Translation;
  handler: () => ActionResultHandler | undefined;
}

/** The provider flow's client, a module of its own: a capture-only page never downloads it. */
function loadClient(): Promise<typeof RunAction> {
  return import('../api/run-action.js');
}

/**
 * The provider flow of a captured photo: captured → uploading → processing (submitting,
 * reviewing) → [awaitingHandler] → actionCompleted | error. Every request and wait takes the
 * run's signal, so a cancel, a new run and the host leaving the page abort them, and nothing of
 * an ended run reaches the flow. The client is loaded on demand (`prepare()` loads it ahead).
 */
export class ProviderRunController implements ReactiveController {
  /** The provider's answer once the review is over; cleared by a cancel, a new start and a reset. */
  result: ActionResult | undefined;
  /** The photo of a run that failed, so "Try again" can send it again without a retake. */
  private failedCapture: CapturedImage | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: ProviderRunOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    // The photo is not kept beyond the page it was taken on.
    this.failedCapture = undefined;
  }

  /** Starts loading the client, so a capture goes up without waiting for it. */
  prepare(): void {
    loadClient().catch(() => undefined); // run() says so if it cannot be had
  }

  /** Forgets the last run's answer and photo. */
  clear(): void {
    this.result = undefined;
    this.failedCapture = undefined;
  }

  /** The photo of the run that failed, once: the retry takes it. */
  takeFailedCapture(): CapturedImage | undefined {
    const capture = this.failedCapture;
    this.failedCapture = undefined;
    return capture;
  }

  /**
   * Runs the provider flow for `capture`, with a liveness phase when `liveness` is given. Never
   * rejects: every ending is a flow event.
   */
  async run(
    capture: CapturedImage,
    signal: AbortSignal,
    liveness?: LivenessRecorder,
  ): Promise<void> {
    const { transition } = this.options;
    let outcome: ActionOutcome;
    try {
      const { ActionClient } = await loadClient().catch((cause: unknown) => {
        throw new ActionFlowError('network', 'the provider client could not be loaded', { cause });
      });
      outcome = await new ActionClient(this.options.config()).run({
        image: capture.image,
        signal,
        liveness,
        onState: (phase) => {
          if (signal.aborted) return;
          // After a liveness phase the upload screen comes only now (without one it is up already).
          if (phase === 'uploading' && liveness) transition({ type: 'uploadStarted' });
          if (phase === 'submitting' || phase === 'reviewing')
            transition({ type: 'processingStarted', phase });
        },
        onProgress: (p) => {
          if (signal.aborted) return;
          // 5 % steps: fewer renders and announcements.
          transition({ type: 'uploadProgress', progress: Math.floor(p.fraction * 20) / 20 });
        },
      });
    } catch (e) {
      // ActionClient.run rejects only with an ActionFlowError: it wraps anything else itself.
      // An aborted run (code `aborted`) was ended by whoever aborted it: nothing to report.
      if (!signal.aborted && (e as ActionFlowError).code !== 'aborted')
        this.fail(capture, e as ActionFlowError);
      return;
    }
    // A cancel that lands after the last answer still wins: the user asked for no result.
    if (signal.aborted) return;

    const actionResult: ActionResult = { actionId: outcome.actionId, answer: outcome.answer };
    this.result = actionResult;
    const detail: FaceAuthActionResultDetail = {
      ...actionResult,
      reviewStatus: outcome.reviewStatus,
      externalActionId: outcome.externalActionId,
      reviewResult: {
        rejectLabels: [...outcome.reviewResult.rejectLabels],
        reviewRejectType: outcome.reviewResult.reviewRejectType,
      },
    };
    const fired = transition(
      { type: 'processingStarted', phase: 'awaitingHandler' },
      { actionResult: detail },
    );
    let decision: ActionResultDecision = fired?.prevented ? 'cancel' : 'continue';
    const handler = this.options.handler();
    if (handler) {
      try {
        if ((await handler(detail)) === 'cancel') decision = 'cancel';
      } catch (error) {
        // A throwing handler must not strand the person on "Processing": show the result.
        console.error('<face-auth> actionResultHandler threw; showing the result', error);
      }
      if (signal.aborted) return;
    }
    transition({
      type: 'actionCompleted',
      actionResult,
      reviewResult: detail.reviewResult,
      closed: decision === 'cancel',
    });
  }

  private fail(capture: CapturedImage, error: ActionFlowError): void {
    this.failedCapture = capture;
    this.options.transition(
      {
        type: 'failed',
        code: error.code,
        message: this.options.translation().actionErrors[error.code],
        detail: error.description || undefined,
        retryable: error.retryable,
      },
      { error },
    );
  }
}
