import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fitWithin, qualitySteps } from '../core/capture-size.js';

export interface CaptureOptions {
  /** JPEG quality, 0..1. */
  quality: number;
  /** Longer side in pixels; larger frames are scaled down. */
  maxSide: number;
  /** Byte budget; quality steps down (to 0.5) to meet it. */
  maxBytes?: number | null;
}

export interface EncodedImage {
  image: Blob;
  width: number;
  height: number;
}

/**
 * Keeps the pixels of the best frame so far (drawn straight from the video, so unmirrored and at
 * camera resolution) and encodes it as a JPEG. A canvas re-encode carries no EXIF or other
 * device metadata.
 */
export class CaptureController implements ReactiveController {
  private canvas: HTMLCanvasElement | null = null;
  private hasFrame = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clear();
    // Release the backing store of a large canvas now rather than at garbage collection.
    if (this.canvas) this.canvas.width = this.canvas.height = 0;
    this.canvas = null;
  }

  /** Copies the current video frame as the kept frame. */
  keep(video: HTMLVideoElement, maxSide: number): void {
    const { width, height } = fitWithin(
      { width: video.videoWidth, height: video.videoHeight },
      maxSide,
    );
    if (!width || !height) return;
    this.canvas ??= document.createElement('canvas');
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    this.canvas.getContext('2d')?.drawImage(video, 0, 0, width, height);
    this.hasFrame = true;
  }

  clear(): void {
    this.hasFrame = false;
  }

  /** Encodes the kept frame. */
  async encode(options: CaptureOptions): Promise<EncodedImage> {
    const canvas = this.canvas;
    if (!canvas || !this.hasFrame) throw new Error('no frame to capture');
    let blob: Blob | null = null;
    for (const q of qualitySteps(options.quality, options.maxBytes)) {
      blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
      if (!blob) throw new Error('JPEG encoding failed');
      if (!options.maxBytes || blob.size <= options.maxBytes) break;
    }
    return { image: blob!, width: canvas.width, height: canvas.height };
  }
}
