import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  INITIAL_FLOW,
  flowReducer,
  type FlowChange,
  type FlowEvent,
  type FlowState,
} from '../core/flow.js';

/**
 * Holds the flow state and runs events through the pure reducer; a change re-renders the host,
 * which follows it up (releases resources, fires events) with the change it gets back.
 */
export class FlowController implements ReactiveController {
  state: FlowState = INITIAL_FLOW;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * A removed element's flow is over: back to idle without events (the other controllers have
   * released the camera and the detector), so a re-inserted element starts afresh.
   */
  hostDisconnected(): void {
    this.state = INITIAL_FLOW;
  }

  /** Applies an event; returns the change, or null when the state did not move. */
  dispatch(event: FlowEvent): FlowChange | null {
    const previous = this.state;
    const next = flowReducer(previous, event);
    if (next === previous) return null;
    this.state = next;
    this.host.requestUpdate();
    return { previous, next };
  }
}
