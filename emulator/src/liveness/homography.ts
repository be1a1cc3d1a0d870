/**
 * Plane-to-plane maps (homographies) fitted to point correspondences: any picture of a flat
 * object (a photo, a print, a screen) moved, rotated, scaled, sheared or tilted in front of a
 * camera maps its points from one frame to the next by a homography. A head does not: its nose
 * stands out of the plane of its eyes and mouth and moves against it (parallax) when it turns.
 */

export type Point = readonly [number, number];
/** Row-major 3x3 with h[8] = 1. */
export type Homography = readonly number[];

/** Least-squares homography mapping `from[i]` to `to[i]` (>= 4 points; DLT, Hartley-normalised). */
export function fitHomography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== to.length || from.length < 4) {
    throw new Error('fitHomography needs >= 4 point pairs');
  }
  const nf = normaliser(from);
  const nt = normaliser(to);
  const a = from.map((p) => apply(nf.matrix, p));
  const b = to.map((p) => apply(nt.matrix, p));
  // Each pair gives two equations in h0..h7 (h8 = 1): solve the normal equations.
  const ata = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const atb = new Array<number>(8).fill(0);
  const add = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      atb[i] = (atb[i] as number) + (row[i] as number) * rhs;
      const ri = ata[i] as number[];
      for (let j = 0; j < 8; j++)
        ri[j] = (ri[j] as number) + (row[i] as number) * (row[j] as number);
    }
  };
  for (let i = 0; i < a.length; i++) {
    const [x, y] = a[i] as Point;
    const [u, v] = b[i] as Point;
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  const h = solve(ata, atb);
  // Undo the normalisations: H = Tt^-1 * Hn * Tf.
  const hn = [...h, 1];
  return normalise(multiply(nt.inverse, multiply(hn, nf.matrix)));
}

/** Applies a homography to a point. */
export function apply(h: Homography, [x, y]: Point): Point {
  const w = (h[6] as number) * x + (h[7] as number) * y + (h[8] as number);
  return [
    ((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w,
    ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w,
  ];
}

/** Similarity transform moving the centroid to 0 and the mean distance to sqrt(2) (Hartley). */
function normaliser(points: readonly Point[]): { matrix: number[]; inverse: number[] } {
  const cx = points.reduce((sum, p) => sum + p[0], 0) / points.length;
  const cy = points.reduce((sum, p) => sum + p[1], 0) / points.length;
  const mean = points.reduce((sum, p) => sum + Math.hypot(p[0] - cx, p[1] - cy), 0) / points.length;
  const s = mean > 0 ? Math.SQRT2 / mean : 1;
  return {
    matrix: [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1],
    inverse: [1 / s, 0, cx, 0, 1 / s, cy, 0, 0, 1],
  };
}

function multiply(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += (a[r * 3 + k] as number) * (b[k * 3 + c] as number);
      out[r * 3 + c] = sum;
    }
  }
  return out;
}

function normalise(h: number[]): number[] {
  const w = h[8] as number;
  return h.map((v) => v / w);
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (
        Math.abs((m[r] as number[])[col] as number) >
        Math.abs((m[pivot] as number[])[col] as number)
      )
        pivot = r;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    const d = p[col] as number;
    if (Math.abs(d) < 1e-12) throw new Error('degenerate point configuration');
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] as number) / d;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - f * (p[c] as number);
    }
  }
  return m.map((row, i) => (row[n] as number) / (row[i] as number));
}
