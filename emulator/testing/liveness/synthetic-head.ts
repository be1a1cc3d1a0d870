/**
 * A synthetic 3D head made from one photo, for the liveness pass path: the photo's 68 landmarks
 * are lifted to 3D with the generic head's depths, a forehead and two rings around the face (the
 * head's sides, going back) are added, the lot is triangulated (Delaunay, in the photo's plane)
 * and texture-mapped with the photo. Each frame rotates the head about a pivot behind the face,
 * projects it with a pinhole camera ~55 cm away, and rasterises it over a static background with
 * a z-buffer. The screen's colour lights it in proportion to a Lambert term (the screen faces the
 * head from the camera's side), so the face takes on the colours and the far wall barely does.
 */
import { GENERIC_FACE_3D, rotate, type Point3 } from './generic-face.js';
import { delaunay, sample, type Point, type Rgb, type RgbImage } from './raster.js';

export interface FaceTexture extends RgbImage {
  /** The photo's 68 face-api landmarks, in its pixels. */
  landmarks: readonly Point[];
}

export interface HeadMesh {
  texture: RgbImage;
  /** 3D vertices in eye-corner distances (generic head frame: eyes on y = 0, z towards camera). */
  vertices: Point3[];
  normals: Point3[];
  /** Texture coordinates (photo pixels). */
  uv: Point[];
  triangles: [number, number, number][];
}

export interface Lighting {
  /** Ambient gain (the room). */
  ambient: number;
  /** Screen colour now (0..255 per channel). */
  screen: Rgb;
  /** Screen light on a surface facing it squarely, relative to the texture. */
  strength: number;
}

/** Builds the textured mesh of a head from a photo and its landmarks. */
export function buildHeadMesh(photo: FaceTexture): HeadMesh {
  const lm = photo.landmarks;
  const p = (i: number) => lm[i] as Point;
  const centre: Point = [(p(36)[0] + p(45)[0]) / 2, (p(36)[1] + p(45)[1]) / 2];
  const span = Math.hypot(p(45)[0] - p(36)[0], p(45)[1] - p(36)[1]);
  const roll = Math.atan2(p(45)[1] - p(36)[1], p(45)[0] - p(36)[0]);
  // Photo pixels -> head frame (eye-corner units, roll removed) and back.
  const toHead = ([x, y]: Point): Point => {
    const dx = (x - centre[0]) / span;
    const dy = (y - centre[1]) / span;
    return [
      dx * Math.cos(-roll) - dy * Math.sin(-roll),
      dx * Math.sin(-roll) + dy * Math.cos(-roll),
    ];
  };
  const toPhoto = ([x, y]: Point): Point => [
    centre[0] + span * (x * Math.cos(roll) - y * Math.sin(roll)),
    centre[1] + span * (x * Math.sin(roll) + y * Math.cos(roll)),
  ];

  const vertices: Point3[] = [];
  const uv: Point[] = [];
  const add = (head: Point, z: number) => {
    vertices.push([head[0], head[1], z]);
    uv.push(toPhoto(head));
  };
  // The landmarks where the photo has them, at the generic head's depths. The inner lips are
  // left out: they nearly coincide with the outer ones and only make slivers.
  for (let i = 0; i < 60; i++) add(toHead(p(i)), (GENERIC_FACE_3D[i] as Point3)[2]);
  // Forehead: two rows above the brows, sloping back.
  for (let i = 17; i <= 26; i++) {
    const [x, y] = toHead(p(i));
    const z = (GENERIC_FACE_3D[i] as Point3)[2];
    add([x * 1.02, y - 0.3], z - 0.08);
    add([x * 1.05, y - 0.6], z - 0.3);
  }
  // The head's sides and hair: rings around the face, going back.
  const jawCentreY = 0.45;
  for (const [scale, z] of [
    [1.25, -0.45],
    [1.55, -1.0],
  ] as const) {
    for (let k = 0; k < 28; k++) {
      const a = (2 * Math.PI * k) / 28;
      add([0.85 * scale * Math.cos(a), jawCentreY + 1.0 * scale * Math.sin(a)], z);
    }
  }
  const triangles = delaunay(vertices.map(([x, y]) => [x, y] as Point));
  return { texture: photo, vertices, normals: vertexNormals(vertices, triangles), uv, triangles };
}

function vertexNormals(
  vertices: readonly Point3[],
  triangles: readonly [number, number, number][],
): Point3[] {
  const sums = vertices.map(() => [0, 0, 0]);
  for (const [a, b, c] of triangles) {
    const [ax, ay, az] = vertices[a] as Point3;
    const [bx, by, bz] = vertices[b] as Point3;
    const [cx, cy, cz] = vertices[c] as Point3;
    const ux = bx - ax,
      uy = by - ay,
      uz = bz - az;
    const vx = cx - ax,
      vy = cy - ay,
      vz = cz - az;
    let n = [uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx];
    // Orient towards the camera (+z): the mesh is a height field seen from the front.
    if ((n[2] as number) < 0) n = n.map((v) => -v);
    for (const i of [a, b, c]) {
      const s = sums[i] as number[];
      for (let k = 0; k < 3; k++) s[k] = (s[k] as number) + (n[k] as number);
    }
  }
  return sums.map(([x = 0, y = 0, z = 1]) => {
    const len = Math.hypot(x, y, z) || 1;
    return [x / len, y / len, z / len] as Point3;
  });
}

export interface HeadPlacement {
  /** Where the eye-corner midpoint of the frontal head lands in the frame, px. */
  centre: Point;
  /** Eye-corner distance of the frontal head in the frame, px. */
  eyeSpanPx: number;
  /** Camera distance, eye-corner distances (6 ~ 55 cm). */
  cameraDistance: number;
}

/**
 * Draws the head at a pose into `frame` (which already holds the lit background). Rotation is
 * about a pivot 1.1 eye-corner distances behind the eyes (the neck's axis), so the face also
 * swings sideways when it turns, as a real one does.
 */
export function renderHead(
  mesh: HeadMesh,
  frame: RgbImage,
  pose: { yawDeg: number; pitchDeg: number; rollDeg?: number },
  placement: HeadPlacement,
  light: Lighting,
): void {
  const pivot: Point3 = [0, 0.4, -1.1];
  const { cameraDistance: dist, eyeSpanPx: s, centre } = placement;
  const projected = mesh.vertices.map((v) => {
    const r = rotate(
      [v[0] - pivot[0], v[1] - pivot[1], v[2] - pivot[2]],
      pose.yawDeg,
      pose.pitchDeg,
      pose.rollDeg ?? 0,
    );
    const x = r[0] + pivot[0];
    const y = r[1] + pivot[1];
    const z = r[2] + pivot[2];
    const f = dist / (dist - z);
    return [centre[0] + s * x * f, centre[1] + s * y * f, z] as const;
  });
  const shade = mesh.normals.map((n) =>
    Math.max(0, rotate(n, pose.yawDeg, pose.pitchDeg, pose.rollDeg ?? 0)[2]),
  );
  const zbuf = new Float32Array(frame.width * frame.height).fill(-Infinity);
  const texel = [0, 0, 0];
  const gain = [0, 1, 2].map((c) => (light.strength * (light.screen[c] as number)) / 255);
  for (const [a, b, c] of mesh.triangles) {
    const A = projected[a]!;
    const B = projected[b]!;
    const C = projected[c]!;
    const area = (B[0] - A[0]) * (C[1] - A[1]) - (B[1] - A[1]) * (C[0] - A[0]);
    if (Math.abs(area) < 1e-6) continue;
    const x0 = Math.max(0, Math.floor(Math.min(A[0], B[0], C[0])));
    const x1 = Math.min(frame.width - 1, Math.ceil(Math.max(A[0], B[0], C[0])));
    const y0 = Math.max(0, Math.floor(Math.min(A[1], B[1], C[1])));
    const y1 = Math.min(frame.height - 1, Math.ceil(Math.max(A[1], B[1], C[1])));
    const ua = mesh.uv[a]!,
      ub = mesh.uv[b]!,
      uc = mesh.uv[c]!;
    const sa = shade[a]!,
      sb = shade[b]!,
      sc = shade[c]!;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const w0 = ((B[0] - px) * (C[1] - py) - (B[1] - py) * (C[0] - px)) / area;
        const w1 = ((C[0] - px) * (A[1] - py) - (C[1] - py) * (A[0] - px)) / area;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const z = w0 * A[2] + w1 * B[2] + w2 * C[2];
        const zi = y * frame.width + x;
        if (z <= (zbuf[zi] as number)) continue;
        if (
          !sample(
            mesh.texture,
            w0 * ua[0] + w1 * ub[0] + w2 * uc[0],
            w0 * ua[1] + w1 * ub[1] + w2 * uc[1],
            texel,
          )
        )
          continue;
        zbuf[zi] = z;
        const lambert = w0 * sa + w1 * sb + w2 * sc;
        const o = zi * 3;
        for (let k = 0; k < 3; k++) {
          frame.data[o + k] = Math.min(
            255,
            (texel[k] as number) * (light.ambient + (gain[k] as number) * lambert),
          );
        }
      }
    }
  }
}
