import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * One `AbortController` per run of the flow (start → … → result, cancel, reset or removal). Every
 * async step of a run (camera open, detector load, capture encode, provider run) takes its
 * signal and drops its late result once it is aborted, so an old run can never move a newer one.
 */
export class RunController implements ReactiveController {
  private controller = new AbortController();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The signal of the current run. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ends the current run and begins the next; returns the new run's signal. */
  begin(): AbortSignal {
    this.end();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  /** Ends the current run: everything still in flight for it stops or is ignored. */
  end(): void {
    this.controller.abort(new DOMException('The face-auth run ended', 'AbortError'));
  }

  /** A removed element's run is over: requests abort and late answers are dropped. */
  hostDisconnected(): void {
    this.end();
  }
}
