import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  INITIAL_ANNOUNCE,
  planAnnouncement,
  type AnnounceState,
} from '../core/announce-throttle.js';

/**
 * Feeds a polite live region: the host says what the current message is on every update, and
 * only changes reach the region, at most one every `minIntervalMs`.
 */
export class AnnouncerController implements ReactiveController {
  /** The text currently in the live region. */
  text = '';
  private state: AnnounceState = INITIAL_ANNOUNCE;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly minIntervalMs = 2000,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clearTimer();
    this.state = INITIAL_ANNOUNCE;
    this.text = '';
  }

  /** Offers the message that describes the current moment. */
  say(message: string | null): void {
    const plan = planAnnouncement(this.state, performance.now(), message, this.minIntervalMs);
    this.state = plan.state;
    if (plan.speak !== null) {
      this.clearTimer();
      this.text = plan.speak;
      this.host.requestUpdate();
    } else if (plan.retryAt !== null && !this.timer) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          if (this.state.pending) this.say(this.state.pending);
        },
        Math.max(0, plan.retryAt - performance.now()),
      );
    } else if (plan.retryAt === null) {
      this.clearTimer();
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
