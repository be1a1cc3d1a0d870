import type { Ellipse, Size } from './geometry.js';

/** The face oval drawn over the preview, in fractions of the visible stage. */
export interface OvalSpec {
  /** Oval height as a fraction of the stage height. */
  heightFraction: number;
  /** rx / ry: a face is taller than wide. */
  aspect: number;
  /** The oval never takes more than this fraction of the stage width (portrait phones). */
  maxWidthFraction: number;
}

export const DEFAULT_OVAL: OvalSpec = { heightFraction: 0.74, aspect: 0.78, maxWidthFraction: 0.8 };

/** The oval in stage pixels: centred, as tall as allowed, narrowed on slim stages. */
export function ovalInStage(stage: Size, spec: OvalSpec = DEFAULT_OVAL): Ellipse {
  let ry = (stage.height * spec.heightFraction) / 2;
  let rx = ry * spec.aspect;
  const maxRx = (stage.width * spec.maxWidthFraction) / 2;
  if (rx > maxRx) {
    rx = maxRx;
    ry = rx / spec.aspect;
  }
  return { cx: stage.width / 2, cy: stage.height / 2, rx, ry };
}

/**
 * The preview is shown with `object-fit: cover`, so the stage shows a centred, scaled window of
 * the video. Returns the scale (stage px per video px) and the video region the stage shows.
 */
export function coverMapping(video: Size, stage: Size): { scale: number; visible: Ellipse & Size } {
  const scale = Math.max(stage.width / video.width, stage.height / video.height);
  const width = stage.width / scale;
  const height = stage.height / scale;
  return {
    scale,
    visible: {
      cx: video.width / 2,
      cy: video.height / 2,
      rx: width / 2,
      ry: height / 2,
      width,
      height,
    },
  };
}

/**
 * The stage oval expressed in video pixels, where detections live. The preview is mirrored, but
 * the oval is centred horizontally, so mirroring does not move it.
 */
export function ovalInVideo(video: Size, stage: Size, spec: OvalSpec = DEFAULT_OVAL): Ellipse {
  const { scale } = coverMapping(video, stage);
  const o = ovalInStage(stage, spec);
  return {
    cx: video.width / 2 + (o.cx - stage.width / 2) / scale,
    cy: video.height / 2 + (o.cy - stage.height / 2) / scale,
    rx: o.rx / scale,
    ry: o.ry / scale,
  };
}
