import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Size } from '../core/geometry.js';

/**
 * The rendered size of the camera stage, for the oval overlay and the oval's place in the video
 * frame. Every stage the host renders is observed; a new size re-renders the host.
 */
export class StageSizeController implements ReactiveController {
  /** 0×0 until the stage has been laid out. */
  size: Size = { width: 0, height: 0 };
  private observer: ResizeObserver | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly stage: () => Element | null | undefined,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const stage = this.stage();
    if (!stage) return;
    this.observer ??= new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      if (width !== this.size.width || height !== this.size.height) {
        this.size = { width, height };
        this.host.requestUpdate();
      }
    });
    this.observer.observe(stage);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
