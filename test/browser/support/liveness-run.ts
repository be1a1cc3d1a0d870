/**
 * One whole run of a mounted `<face-auth>` through its liveness phase to the provider's answer,
 * with when each phase began. Shared by the browser liveness matrix
 * (test/browser/action/liveness-matrix.ts), which asserts the answers, and
 * `npm run bench -- liveness` (bench/support/widget-liveness.ts), which times them: both drive the
 * same widget in front of the same subject, so the bench measures what the tests prove.
 */
import type { FaceAuthActionResultDetail } from '../../../src/events/face-auth-action-result.js';
import type { FaceAuthActionResultEvent } from '../../../src/events/face-auth-action-result.js';
import type { FlowStatus } from '../../../src/core/flow.js';
import { nextEvent } from './events.js';
import { installVirtualCamera, type Subject } from './virtual-camera.js';

/** When each phase began, ms from `start()`; null for a phase the run did not reach. */
export interface LivenessPhaseTimes {
  /** The good frame: the selfie is taken. */
  captured: number | null;
  /** The widget showed the challenge's first colour (a virtual camera's subject only). */
  firstColour: number | null;
  /** The widget prompted the first turn (a virtual camera's subject only). */
  firstTurn: number | null;
  /** The liveness phase is over: the selfie and the clips go up. */
  uploading: number | null;
  /** Everything is up: the action is submitted and reviewed. */
  submitting: number | null;
  /** `face-auth-action-result`. */
  result: number;
}

export interface LivenessRun {
  detail: FaceAuthActionResultDetail;
  times: LivenessPhaseTimes;
  /** The virtual camera's own numbers (null with the browser's camera). */
  camera: ReturnType<ReturnType<typeof installVirtualCamera>['stats']> | null;
}

/**
 * Starts `el` (mounted, configured for a provider) with `subject` in front of the reactive virtual
 * camera (null keeps the browser's own camera), and resolves with its result event; rejects when
 * none comes within `timeoutMs`. `onStatus` hears each status change (ms from `start()`).
 */
export async function runLiveness(
  el: HTMLElement & { start(): Promise<void> },
  subject: Subject | null,
  options: { timeoutMs?: number; onStatus?: (status: FlowStatus, ms: number) => void } = {},
): Promise<LivenessRun> {
  const camera = subject ? installVirtualCamera(subject) : null;
  try {
    const seen = new Map<FlowStatus, number>();
    let t0 = 0;
    el.addEventListener('face-auth-status', (e) => {
      const ms = performance.now() - t0;
      if (!seen.has(e.detail.status)) seen.set(e.detail.status, ms);
      options.onStatus?.(e.detail.status, ms);
    });
    const result = nextEvent<FaceAuthActionResultEvent>(
      el,
      'face-auth-action-result',
      options.timeoutMs ?? 240_000,
    );
    t0 = performance.now();
    await el.start();
    const { detail } = await result;
    const resultAt = performance.now() - t0;
    const stats = camera?.stats() ?? null;
    const since = (at: number | null | undefined) => (at == null ? null : at - t0);
    return {
      detail,
      times: {
        captured: seen.get('captured') ?? null,
        firstColour: since(stats?.firstColourAt),
        firstTurn: since(stats?.firstTurnAt),
        uploading: seen.get('uploading') ?? null,
        // The first `processing` status is the submit; its later phases change no status.
        submitting: seen.get('processing') ?? null,
        result: resultAt,
      },
      camera: stats,
    };
  } finally {
    camera?.restore();
  }
}
