/**
 * Image quality of one detected face, as a score in percent compared with the applicant's
 * `qualityScore` (the applicant API's default 30). Pure functions: no models, no image library.
 *
 * Five measurements, each mapped to 0..100 by a piecewise-linear curve whose anchors put
 * "just acceptable" at 30 (the default threshold) and "good" at 100. The score is the
 * weakest of the five: a sharp face that is too dark is still a bad photo, and averaging
 * would let one excellent property hide a failing one.
 */
import { cropStats } from '../../../../src/core/image-stats.js';
import { piecewiseLinear, type Anchor } from './similarity.js';

/** What is measured on a face (see {@link measureFaceCrop} and the analyser). */
export interface QualityMetrics {
  /** Shorter side of the face box, in pixels of the original image. */
  faceSizePx: number;
  /** Laplacian variance of the grey face crop divided by its pixel variance (contrast-free). */
  sharpness: number;
  /** Mean luminance of the face crop, 0..255. */
  brightness: number;
  /** Standard deviation of the face crop's luminance, 0..255. */
  contrast: number;
  /** Share of the face box inside the image, 0..1 (below 1: the face is cut off by the frame). */
  inFrameRatio: number;
}

export type QualityComponent = 'faceSize' | 'sharpness' | 'brightness' | 'contrast' | 'framing';

export interface QualityAssessment {
  /** 0..100, the weakest component, rounded to an integer. */
  score: number;
  components: Record<QualityComponent, number>;
  weakest: QualityComponent;
}

/**
 * Curves from measurement to 0..100, calibrated on the labelled set of bench/faces.bench.ts
 * (CALIBRATION.md beside this file): every frame a 640x480 webcam gives a cooperating person
 * (face 120-200 px, slightly soft, JPEG q50, dim, uneven light, a 320x240 frame) scores >= 30;
 * a 160x120 frame, a blur of sigma 3.2 and a face at a fifth of the light score < 30. The
 * recognition net still matched most of those, but with its genuine distances drifting towards
 * the 0.6 boundary and its closest impostors coming within 0.59-0.60: no margin left.
 */
export const QUALITY_ANCHORS: Record<QualityComponent, readonly Anchor[]> = {
  // Face box side in original pixels. A 240p frame gives 72-110 px and matches like a 640x480
  // one; a 160x120 frame gives 36-55 px.
  faceSize: [
    [40, 0],
    [60, 30],
    [120, 100],
  ],
  // Laplacian / pixel variance of the 128 px grey crop. Sharp portraits 0.06-0.3; webcam blur
  // (sigma 1.6 at 640x480) 0.032-0.07; a 240p frame 0.044-0.13; blur sigma 3.2 0.010-0.02.
  sharpness: [
    [0.015, 0],
    [0.028, 30],
    [0.08, 100],
  ],
  // Mean face luminance. Dim webcam light measured 33-80 and matched; a fifth of the light 21-31.
  brightness: [
    [15, 0],
    [32, 30],
    [60, 100],
    [190, 100],
    [225, 30],
    [245, 0],
  ],
  // Luminance spread on the face: dim frames 13.7-25, a fifth of the light 6.5-12.
  contrast: [
    [6, 0],
    [13, 30],
    [25, 100],
  ],
  // A face cut off by the frame edge: 2 % outside is fine, 10 % is not.
  framing: [
    [0.8, 0],
    [0.9, 30],
    [0.98, 100],
  ],
};

const COMPONENT_OF: Record<QualityComponent, keyof QualityMetrics> = {
  faceSize: 'faceSizePx',
  sharpness: 'sharpness',
  brightness: 'brightness',
  contrast: 'contrast',
  framing: 'inFrameRatio',
};

export function assessQuality(metrics: QualityMetrics): QualityAssessment {
  const components = {} as Record<QualityComponent, number>;
  let weakest: QualityComponent = 'faceSize';
  for (const name of Object.keys(QUALITY_ANCHORS) as QualityComponent[]) {
    const value = piecewiseLinear(metrics[COMPONENT_OF[name]], QUALITY_ANCHORS[name]);
    components[name] = Math.round(Number.isNaN(value) ? 0 : value);
    if (components[name] < components[weakest]) weakest = name;
  }
  return { score: components[weakest], components, weakest };
}

/**
 * Sharpness, brightness and contrast of a square grey face crop. Sharpness is the Laplacian
 * variance over the pixel variance, so a dim or low-contrast face is not mistaken for a blurred
 * one (contrast has its own component).
 */
export function measureFaceCrop(
  grey: ArrayLike<number>,
  size: number,
): Pick<QualityMetrics, 'sharpness' | 'brightness' | 'contrast'> {
  // The widget's own crop statistics (src/core is DOM-free): one definition of the maths.
  const { mean, stdDev, sharpness: lap } = cropStats({ width: size, height: size, data: grey });
  return { sharpness: lap / Math.max(stdDev * stdDev, 1), brightness: mean, contrast: stdDev };
}
