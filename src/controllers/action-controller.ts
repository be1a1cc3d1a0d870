import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ActionFlowError } from '../core/action-flow-errors.js';
import type { ActionClientConfig, ActionOutcome, RunActionOptions } from '../api/run-action.js';
import { ActionClient } from '../api/run-action.js';

/** How a run ended. Never a rejection, so the element cannot leak an unhandled one. */
export type ActionRunResult =
  | { status: 'completed'; outcome: ActionOutcome }
  | { status: 'failed'; error: ActionFlowError }
  | { status: 'cancelled' };

export type ActionRunCallbacks = Pick<RunActionOptions, 'onProgress' | 'onState' | 'fileName'>;

/**
 * Runs the provider flow for its host and owns the run's `AbortController`: a new run, `cancel()`
 * and the host leaving the DOM all abort every request and wait in flight. The config is read at
 * the start of each run, so attribute changes apply to the next run.
 */
export class ActionController implements ReactiveController {
  private abortController: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => ActionClientConfig,
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.abortController !== undefined;
  }

  async run(image: Blob, callbacks: ActionRunCallbacks = {}): Promise<ActionRunResult> {
    this.cancel();
    const controller = new AbortController();
    this.abortController = controller;
    try {
      const outcome = await new ActionClient(this.config()).run({
        ...callbacks,
        image,
        signal: controller.signal,
      });
      // A cancel that lands after the last answer still wins: the user asked for no result.
      if (controller.signal.aborted) return { status: 'cancelled' };
      return { status: 'completed', outcome };
    } catch (e) {
      // ActionClient.run rejects only with an ActionFlowError: it wraps anything else itself.
      const error = e as ActionFlowError;
      if (controller.signal.aborted || error.code === 'aborted') return { status: 'cancelled' };
      return { status: 'failed', error };
    } finally {
      if (this.abortController === controller) this.abortController = undefined;
    }
  }

  /** Aborts the current run, if any; its `run()` resolves `{status: 'cancelled'}`. */
  cancel(): void {
    const controller = this.abortController;
    this.abortController = undefined;
    controller?.abort(new DOMException('The provider flow was cancelled', 'AbortError'));
  }

  hostDisconnected(): void {
    this.cancel();
  }
}
