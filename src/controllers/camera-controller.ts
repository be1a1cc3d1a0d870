import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { classifyCameraError, type CameraFailure } from '../core/camera-failure.js';

export interface CameraDevice {
  deviceId: string;
  label: string;
}

export interface CameraRequest {
  facingMode: 'user' | 'environment';
  /** A specific camera; wins over `facingMode`. */
  deviceId?: string | null;
}

/** The frame size asked of the camera; most webcams give it. */
export const IDEAL_FRAME = { width: 1280, height: 720 } as const;

/** A camera failure with its typed reason. */
export class CameraError extends Error {
  constructor(
    readonly reason: CameraFailure,
    options?: { cause?: unknown },
  ) {
    super(`camera: ${reason}`, options);
    this.name = 'CameraError';
  }
}

/**
 * Owns the camera stream: opens it (front camera, ideally 1280x720), lists the cameras for the
 * switch, reports an unplugged camera, and stops every track when the flow no longer needs it or
 * the element leaves the page.
 */
export class CameraController implements ReactiveController {
  stream: MediaStream | null = null;
  devices: CameraDevice[] = [];
  /** The deviceId of the camera in use. */
  activeDeviceId: string | null = null;
  /** Whether the camera faces the user (the preview is then mirrored, like a mirror). */
  facingUser = true;

  /**
   * The newest start(): stop() and the next start() abort it, so its late stream is closed; an
   * overtaken start hands its caller the newer one's stream.
   */
  private latest: { aborter: AbortController; opening: Promise<MediaStream> } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEnded: () => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  get label(): string {
    return this.stream?.getVideoTracks()[0]?.label ?? '';
  }

  /**
   * Opens the camera; rejects with a `CameraError`, or with `run`'s reason once the run that asked
   * is over (the late stream is closed). A start overtaken by a newer one (two quick camera
   * switches) resolves with the newer one's stream rather than failing.
   */
  start(request: CameraRequest, run?: AbortSignal): Promise<MediaStream> {
    this.stop();
    const aborter = new AbortController();
    const opening = this.open(request, aborter.signal, run);
    this.latest = { aborter, opening };
    return opening;
  }

  private async open(
    request: CameraRequest,
    overtaken: AbortSignal,
    run: AbortSignal | undefined,
  ): Promise<MediaStream> {
    if (typeof window !== 'undefined' && window.isSecureContext === false) {
      throw new CameraError('insecure-context');
    }
    const media = navigator.mediaDevices;
    if (!media || typeof media.getUserMedia !== 'function') throw new CameraError('unsupported');

    const stream = await this.request(media, request);
    if (run?.aborted || overtaken.aborted) {
      // The run ended, or stop() or another start() ran, while the permission prompt was open.
      stream.getTracks().forEach((t) => t.stop());
      // An ended run must not be handed a newer run's stream.
      run?.throwIfAborted();
      const latest = this.latest;
      if (latest && !latest.aborter.signal.aborted) return latest.opening;
      // Only stop() ran: whoever called start() has moved on and ignores this.
      throw new CameraError('track-ended');
    }
    this.stream = stream;
    const track = stream.getVideoTracks()[0];
    const settings = track?.getSettings() ?? {};
    this.activeDeviceId = settings.deviceId ?? null;
    // Desktop webcams report no facingMode; they face the user.
    this.facingUser = settings.facingMode !== 'environment';
    track?.addEventListener('ended', () => {
      if (this.stream === stream) {
        this.stop();
        this.onEnded();
      }
    });
    await this.refreshDevices(media);
    this.host.requestUpdate();
    return stream;
  }

  /** Stops every track; safe to call repeatedly. */
  stop(): void {
    this.latest?.aborter.abort();
    const stream = this.stream;
    this.stream = null;
    stream?.getTracks().forEach((t) => t.stop());
  }

  private async request(media: MediaDevices, request: CameraRequest): Promise<MediaStream> {
    const size = { width: { ideal: IDEAL_FRAME.width }, height: { ideal: IDEAL_FRAME.height } };
    const video: MediaTrackConstraints = request.deviceId
      ? { ...size, deviceId: { exact: request.deviceId } }
      : { ...size, facingMode: { ideal: request.facingMode } };
    try {
      return await media.getUserMedia({ video, audio: false });
    } catch (error) {
      const reason = classifyCameraError((error as { name?: string } | null)?.name);
      if (reason !== 'constraints' && reason !== 'no-camera')
        throw new CameraError(reason, { cause: error });
      if (reason === 'no-camera' && !request.deviceId)
        throw new CameraError(reason, { cause: error });
      // The asked camera or mode is not available: fall back to any camera at any size.
      try {
        return await media.getUserMedia({ video: true, audio: false });
      } catch (fallbackError) {
        const fallback = classifyCameraError((fallbackError as { name?: string } | null)?.name);
        throw new CameraError(fallback, { cause: fallbackError });
      }
    }
  }

  private async refreshDevices(media: MediaDevices): Promise<void> {
    try {
      const all = await media.enumerateDevices();
      this.devices = all
        .filter((d) => d.kind === 'videoinput' && d.deviceId)
        .map((d) => ({ deviceId: d.deviceId, label: d.label }));
    } catch {
      this.devices = [];
    }
  }
}
