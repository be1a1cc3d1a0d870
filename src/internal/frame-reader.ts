import type { Rect, Size } from '../core/geometry.js';
import {
  READABLE_FORMATS,
  cropGray,
  downscaleRgba,
  type FrameFormat,
  type FramePixels,
} from '../core/frame-pixels.js';
import { rgbaToGray, type GrayImage } from '../core/image-stats.js';

/** The detector's input is at most this wide or high: the model looks at 128x128 anyway. */
export const DETECTION_INPUT_MAX_SIDE = 320;

/** One video frame, read once, for the detector and the face crop. */
export interface ReadFrame {
  /** The video's size: detections are scaled back to it. */
  frame: Size;
  /** The detector's input, smaller than the frame. */
  image: ImageData | OffscreenCanvas | HTMLCanvasElement;
  /** Video pixels per pixel of `image`. */
  scale: number;
  /** The luma of `box` (inside the frame) resampled to `size`×`size`; valid until the next read. */
  crop(box: Rect, size: number): GrayImage | null;
}

type VideoFrameWithOrientation = VideoFrame & { rotation?: number; flip?: boolean };

/** The integer factor that brings the frame's longer side to at most `maxSide`. */
export function detectionFactor(frame: Size, maxSide = DETECTION_INPUT_MAX_SIDE): number {
  return Math.max(1, Math.ceil(Math.max(frame.width, frame.height) / maxSide));
}

function canvas(width: number, height: number): OffscreenCanvas | HTMLCanvasElement {
  return typeof OffscreenCanvas === 'function'
    ? new OffscreenCanvas(width, height)
    : Object.assign(document.createElement('canvas'), { width, height });
}

function context2d(c: OffscreenCanvas | HTMLCanvasElement) {
  return c.getContext('2d', { willReadFrequently: true }) as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
}

/**
 * Reads video frames for detection. Where WebCodecs can hand over a frame's pixels
 * (`VideoFrame.copyTo`, in a format `frame-pixels` reads), one asynchronous copy per frame feeds
 * both the detector (a downscaled RGBA image) and the face crop. Elsewhere (no `VideoFrame`, an
 * opaque or rotated frame) it falls back to canvases: the frame drawn small for the detector and
 * the face box drawn into a small square for the crop. Both are far cheaper than handing the
 * detector the full-size `<video>` (see the widget benchmark).
 */
export class FrameReader {
  private mode: 'pixels' | 'canvas';
  private buffer: Uint8Array | null = null;
  private image: ImageData | null = null;
  private small: { canvas: OffscreenCanvas | HTMLCanvasElement; factor: number } | null = null;
  private cropCanvas: OffscreenCanvas | HTMLCanvasElement | null = null;

  /**
   * @param via `canvas` to skip WebCodecs (the benchmark compares both).
   * @param maxSide the detector input's longer side at most (the benchmark compares sizes).
   */
  constructor(
    via: 'pixels' | 'canvas' = 'pixels',
    private readonly maxSide = DETECTION_INPUT_MAX_SIDE,
  ) {
    const webCodecs = typeof VideoFrame === 'function' && 'copyTo' in VideoFrame.prototype;
    this.mode = via === 'pixels' && webCodecs ? 'pixels' : 'canvas';
  }

  /** How frames are read now; `canvas` once pixels could not be read. */
  get via(): 'pixels' | 'canvas' {
    return this.mode;
  }

  /** Reads the video's current frame. */
  async read(video: HTMLVideoElement): Promise<ReadFrame | null> {
    const frame = { width: video.videoWidth, height: video.videoHeight };
    if (this.mode === 'pixels') {
      const read = await this.readPixels(video, frame).catch(() => null);
      if (read) return read;
      this.mode = 'canvas'; // not readable here: canvases from now on
    }
    return this.readCanvas(video, frame);
  }

  /** A detector input of the size real frames will have, for the warm-up. */
  blank(frame: Size): ImageData {
    const factor = detectionFactor(frame, this.maxSide);
    return new ImageData(Math.floor(frame.width / factor), Math.floor(frame.height / factor));
  }

  private async readPixels(video: HTMLVideoElement, frame: Size): Promise<ReadFrame | null> {
    const vf = new VideoFrame(video) as VideoFrameWithOrientation;
    let pixels: FramePixels;
    try {
      const { format, visibleRect } = vf;
      const readable =
        format !== null &&
        READABLE_FORMATS.has(format) &&
        !vf.rotation &&
        !vf.flip &&
        visibleRect?.width === frame.width &&
        visibleRect.height === frame.height;
      if (!readable) return null;
      const size = vf.allocationSize();
      if (!this.buffer || this.buffer.byteLength < size) this.buffer = new Uint8Array(size);
      const layout = await vf.copyTo(this.buffer);
      pixels = {
        format: format as FrameFormat,
        width: frame.width,
        height: frame.height,
        data: this.buffer,
        layout,
        matrix: vf.colorSpace.matrix,
        fullRange: vf.colorSpace.fullRange,
      };
    } finally {
      vf.close();
    }
    const factor = detectionFactor(frame, this.maxSide);
    const w = Math.floor(frame.width / factor);
    const h = Math.floor(frame.height / factor);
    if (this.image?.width !== w || this.image.height !== h) this.image = new ImageData(w, h);
    downscaleRgba(pixels, factor, this.image.data);
    return {
      frame,
      image: this.image,
      scale: factor,
      crop: (box, side) => cropGray(pixels, box, side),
    };
  }

  private readCanvas(video: HTMLVideoElement, frame: Size): ReadFrame | null {
    const factor = detectionFactor(frame, this.maxSide);
    const w = Math.floor(frame.width / factor);
    const h = Math.floor(frame.height / factor);
    if (this.small?.factor !== factor || this.small.canvas.width !== w) {
      this.small = { canvas: canvas(w, h), factor };
    }
    const ctx = context2d(this.small.canvas);
    if (!ctx) return null;
    ctx.drawImage(video, 0, 0, w, h);
    return {
      frame,
      image: this.small.canvas,
      scale: factor,
      crop: (box, side) => {
        if (this.cropCanvas?.width !== side) this.cropCanvas = canvas(side, side);
        const cropCtx = context2d(this.cropCanvas);
        if (!cropCtx) return null;
        cropCtx.drawImage(video, box.x, box.y, box.width, box.height, 0, 0, side, side);
        return rgbaToGray(cropCtx.getImageData(0, 0, side, side).data, side, side);
      },
    };
  }
}
