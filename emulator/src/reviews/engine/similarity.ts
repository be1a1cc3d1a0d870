/**
 * Face similarity in percent, from the euclidean distance between two face-api descriptors.
 *
 * The recognition net is trained so that 0.6 separates "same person" from "different person";
 * on this machine genuine pairs came out at <= 0.54 and impostors at >= 0.70. The map is
 * piecewise linear through three anchors, chosen so that the applicant API's default
 * `faceValidationPercent` of 70 means exactly that 0.6 boundary:
 *
 *   distance 0.0 -> 100 %   (identical descriptors)
 *   distance 0.6 ->  70 %   (the model's decision boundary = the default threshold)
 *   distance 1.2 ->   0 %   (and beyond: clearly different people)
 *
 * It is monotonic, so any threshold in percent corresponds to exactly one distance
 * ({@link similarityPercentToDistance}), which the decision record states next to the percent.
 */

export type Anchor = readonly [x: number, y: number];

/** (distance, percent) anchors of the map, sorted by distance. */
export const SIMILARITY_ANCHORS: readonly Anchor[] = [
  [0, 100],
  [0.6, 70],
  [1.2, 0],
];

/** Linear interpolation between sorted anchors, clamped to the end values outside them. */
export function piecewiseLinear(x: number, anchors: readonly Anchor[]): number {
  const first = anchors[0];
  const last = anchors[anchors.length - 1];
  if (!first || !last) throw new Error('piecewiseLinear needs at least one anchor');
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i] as Anchor;
    const [x0, y0] = anchors[i - 1] as Anchor;
    if (x <= x1) return y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
  }
  return last[1];
}

/** Rounds to one decimal: the value reported is the value compared, so they never disagree. */
function roundTo1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Similarity in percent (0..100, one decimal) for a descriptor distance. */
export function distanceToSimilarityPercent(distance: number): number {
  return roundTo1(piecewiseLinear(distance, SIMILARITY_ANCHORS));
}

/** The largest distance that still reaches `percent` (the inverse map, for the decision record). */
export function similarityPercentToDistance(percent: number): number {
  const inverted = SIMILARITY_ANCHORS.map(([d, p]) => [p, d] as const).reverse();
  return Math.round(piecewiseLinear(percent, inverted) * 1000) / 1000;
}

/** Euclidean distance between two descriptors of equal length. */
export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new Error(`descriptor lengths differ: ${a.length} vs ${b.length}`);
  }
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}
