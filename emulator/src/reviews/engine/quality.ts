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

/** Curves from measurement to 0..100. Calibrated on the shared photos and degraded copies. */
export const QUALITY_ANCHORS: Record<QualityComponent, readonly Anchor[]> = {
  // The recognition net looks at a 150 px crop: below ~80 px there is little left to compare.
  faceSize: [
    [40, 0],
    [80, 30],
    [150, 100],
  ],
  // Sharp portraits measure 0.2..0.4. Gaussian blur on the shared photos (faces ~300-550 px):
  // sigma 2 -> 0.07..0.1, sigma 3 -> 0.03..0.06, sigma 4 -> 0.02..0.04.
  sharpness: [
    [0.02, 0],
    [0.05, 30],
    [0.12, 100],
  ],
  // Mean face luminance: under-exposed below ~50, blown out above ~220.
  brightness: [
    [25, 0],
    [50, 30],
    [80, 100],
    [180, 100],
    [220, 30],
    [245, 0],
  ],
  // Luminance spread on the face: a flat, washed-out face has next to no structure.
  contrast: [
    [6, 0],
    [14, 30],
    [30, 100],
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
