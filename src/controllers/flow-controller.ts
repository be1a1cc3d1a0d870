import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { INITIAL_FLOW, flowReducer, type FlowEvent, type FlowState } from '../core/flow.js';

/**
 * Holds the flow state and runs events through the pure reducer. The host hears about every
 * change (to fire events and release resources) and re-renders.
 */
export class FlowController implements ReactiveController {
  state: FlowState = INITIAL_FLOW;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onChange: (next: FlowState, previous: FlowState) => void,
  ) {
    host.addController(this);
  }

  /**
   * A removed element's flow is over: back to idle without events (the other controllers have
   * released the camera and the detector), so a re-inserted element starts afresh.
   */
  hostDisconnected(): void {
    this.state = INITIAL_FLOW;
  }

  /** Applies an event; returns whether the state changed. */
  dispatch(event: FlowEvent): boolean {
    const previous = this.state;
    const next = flowReducer(previous, event);
    if (next === previous) return false;
    this.state = next;
    this.onChange(next, previous);
    this.host.requestUpdate();
    return true;
  }
}
