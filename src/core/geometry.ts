/** Plain geometry shared by the quality checks and the oval layout. All units are pixels. */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An axis-aligned ellipse: centre and radii. */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export function rectCentre(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/**
 * How far a point lies from the ellipse centre in "ellipse radii": 0 at the centre, 1 on the
 * outline. Measuring in radii makes one threshold work for any oval size and aspect.
 */
export function ellipseDistance(e: Ellipse, p: Point): number {
  const dx = (p.x - e.cx) / e.rx;
  const dy = (p.y - e.cy) / e.ry;
  return Math.hypot(dx, dy);
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Intersection of a rect with the frame, or null when nothing is left. */
export function clipRect(r: Rect, frame: Size): Rect | null {
  const x0 = clamp(r.x, 0, frame.width);
  const y0 = clamp(r.y, 0, frame.height);
  const x1 = clamp(r.x + r.width, 0, frame.width);
  const y1 = clamp(r.y + r.height, 0, frame.height);
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
