/**
 * Quality thresholds; every value can be overridden with the `thresholds` property. The defaults
 * are conservative starting points checked against the fake-camera clips of the test portraits
 * (a sharp studio portrait measures ~2500 on the 64x64 crop, so `minSharpness` only rejects
 * clearly soft frames); they want tuning on real webcams.
 */
export interface QualityThresholds {
  /** Faces scoring below this are ignored entirely (not counted as "several faces"). */
  minFaceScore: number;
  /** A face scoring below this asks for a clearer view. */
  minDetectionScore: number;
  /** Face box height / oval height below this: move closer. */
  minFaceToOval: number;
  /** Face box height / oval height above this: move back. */
  maxFaceToOval: number;
  /** Face centre offset from the oval centre, in oval radii. */
  maxCentreOffset: number;
  /** Tilt of the eye line, degrees. */
  maxRollDeg: number;
  /** Nose offset from the eye midpoint, in inter-eye distances (0 = frontal). */
  maxYaw: number;
  /** Mean face luma, 0..255, below this: more light. */
  minBrightness: number;
  /** Mean face luma, 0..255, above this: less light. */
  maxBrightness: number;
  /** Standard deviation of face luma. */
  minContrast: number;
  /** Variance of the Laplacian of the 64x64 face crop. */
  minSharpness: number;
  /** Largest face-centre movement over the stillness window, in face heights. */
  maxMotion: number;
  /** The stillness window, ms. */
  stillnessWindowMs: number;
  /** How long a good pose must be held before the auto-capture, ms. */
  holdMs: number;
}

export const DEFAULT_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({
  minFaceScore: 0.5,
  minDetectionScore: 0.7,
  minFaceToOval: 0.38,
  maxFaceToOval: 0.85,
  maxCentreOffset: 0.35,
  maxRollDeg: 12,
  maxYaw: 0.22,
  minBrightness: 60,
  maxBrightness: 210,
  minContrast: 18,
  minSharpness: 60,
  maxMotion: 0.06,
  stillnessWindowMs: 500,
  holdMs: 1200,
});

/** Defaults overlaid with the finite numbers of an override; anything else is ignored. */
export function resolveThresholds(
  overrides?: Partial<QualityThresholds> | null,
): QualityThresholds {
  const out: QualityThresholds = { ...DEFAULT_THRESHOLDS };
  if (!overrides) return out;
  for (const key of Object.keys(out) as (keyof QualityThresholds)[]) {
    const v = overrides[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[key] = v;
  }
  return out;
}
