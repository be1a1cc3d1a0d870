/**
 * Small software-rendering helpers for the synthetic liveness clips: RGB frames, bilinear
 * sampling, a Delaunay triangulation, and a Y4M writer (the raw format Chromium's fake camera and
 * ffmpeg both read).
 */
export type Rgb = readonly [number, number, number];
export type Point = readonly [number, number];

export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export function blankImage(width: number, height: number): RgbImage {
  return { data: new Uint8Array(width * height * 3), width, height };
}

/** Bilinear RGB sample; null outside the image. */
export function sample(img: RgbImage, x: number, y: number, out: number[]): boolean {
  if (x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1) return false;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(x0 + 1, img.width - 1);
  const y1 = Math.min(y0 + 1, img.height - 1);
  const fx = x - x0;
  const fy = y - y0;
  const d = img.data;
  for (let c = 0; c < 3; c++) {
    const a =
      (d[(y0 * img.width + x0) * 3 + c] as number) * (1 - fx) +
      (d[(y0 * img.width + x1) * 3 + c] as number) * fx;
    const b =
      (d[(y1 * img.width + x0) * 3 + c] as number) * (1 - fx) +
      (d[(y1 * img.width + x1) * 3 + c] as number) * fx;
    out[c] = a * (1 - fy) + b * fy;
  }
  return true;
}

/** Bowyer-Watson Delaunay triangulation; returns index triples into `points`. */
export function delaunay(points: readonly Point[]): [number, number, number][] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const size = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) * 10 + 1;
  const all: Point[] = [
    ...points,
    [minX - size, minY - size],
    [minX + 2 * size, minY - size],
    [minX - size, minY + 2 * size],
  ];
  const n = points.length;
  let triangles: { v: [number, number, number]; cx: number; cy: number; r2: number }[] = [
    circum([n, n + 1, n + 2], all),
  ];
  for (let i = 0; i < n; i++) {
    const [px, py] = all[i] as Point;
    const bad = triangles.filter((t) => (px - t.cx) ** 2 + (py - t.cy) ** 2 < t.r2);
    const edges = new Map<string, [number, number]>();
    for (const t of bad) {
      for (const [a, b] of [
        [t.v[0], t.v[1]],
        [t.v[1], t.v[2]],
        [t.v[2], t.v[0]],
      ] as [number, number][]) {
        const key = a < b ? `${a},${b}` : `${b},${a}`;
        if (edges.has(key)) edges.delete(key);
        else edges.set(key, [a, b]);
      }
    }
    triangles = triangles.filter((t) => !bad.includes(t));
    for (const [a, b] of edges.values()) triangles.push(circum([a, b, i], all));
  }
  return triangles.filter((t) => t.v.every((v) => v < n)).map((t) => t.v);
}

function circum(v: [number, number, number], pts: readonly Point[]) {
  const [ax, ay] = pts[v[0]] as Point;
  const [bx, by] = pts[v[1]] as Point;
  const [cx, cy] = pts[v[2]] as Point;
  const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by)) || 1e-12;
  const ux =
    ((ax * ax + ay * ay) * (by - cy) +
      (bx * bx + by * by) * (cy - ay) +
      (cx * cx + cy * cy) * (ay - by)) /
    d;
  const uy =
    ((ax * ax + ay * ay) * (cx - bx) +
      (bx * bx + by * by) * (ax - cx) +
      (cx * cx + cy * cy) * (bx - ax)) /
    d;
  return { v, cx: ux, cy: uy, r2: (ax - ux) ** 2 + (ay - uy) ** 2 };
}

/** Encodes RGB frames as a Y4M clip (4:2:0, BT.601 limited range, which ffmpeg assumes). */
export function encodeY4m(frames: readonly RgbImage[], fps: number): Buffer {
  const first = frames[0];
  if (!first) throw new Error('no frames');
  const { width, height } = first;
  const cw = width >> 1;
  const ch = height >> 1;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frameSize = width * height + 2 * cw * ch;
  const out = Buffer.alloc(header.length + frames.length * (6 + frameSize));
  header.copy(out, 0);
  let at = header.length;
  for (const f of frames) {
    out.write('FRAME\n', at);
    at += 6;
    const d = f.data;
    for (let i = 0; i < width * height; i++) {
      const r = d[i * 3] as number;
      const g = d[i * 3 + 1] as number;
      const b = d[i * 3 + 2] as number;
      out[at + i] = clamp(16 + 0.257 * r + 0.504 * g + 0.098 * b);
    }
    at += width * height;
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ] as const) {
          const i = ((2 * y + dy) * width + 2 * x + dx) * 3;
          r += d[i] as number;
          g += d[i + 1] as number;
          b += d[i + 2] as number;
        }
        r /= 4;
        g /= 4;
        b /= 4;
        out[at + y * cw + x] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
        out[at + cw * ch + y * cw + x] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
      }
    }
    at += 2 * cw * ch;
  }
  return out;
}

export function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
}
