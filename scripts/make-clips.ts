/**
 * Renders the fake-camera clips of test/browser/clips.json into test/.clips/<name>.y4m.
 *
 * Chromium plays a Y4M file as its camera (--use-file-for-fake-video-capture) and loops it.
 * Clips come from ../shared/faces; when that folder is absent the clips are skipped and the
 * browser tests that need them skip themselves (the test runner tells them so).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface ClipRecipe {
  /** A photo in ../shared/faces, or absent when `lavfi` generates the picture. */
  photo?: string;
  /** An ffmpeg lavfi source (e.g. `color=c=gray:s=640x480`) for clips with no photo. */
  lavfi?: string;
  /** ffmpeg video filter that turns the source into the 640x480 camera picture. */
  vf?: string;
  seconds?: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const facesDir = path.resolve(root, '../shared/faces');
const clipsDir = path.join(root, 'test/.clips');
const clipsFile = path.join(root, 'test/browser/clips.json');

function readClipRecipes(): Record<string, ClipRecipe> {
  return JSON.parse(readFileSync(clipsFile, 'utf8')) as Record<string, ClipRecipe>;
}

const clipPath = (name: string): string => path.join(clipsDir, `${name}.y4m`);

function render(name: string, recipe: ClipRecipe): void {
  const out = clipPath(name);
  const sources = [recipe.photo ? path.join(facesDir, recipe.photo) : undefined, clipsFile];
  const newest = Math.max(
    ...sources.filter((s): s is string => !!s).map((s) => statSync(s).mtimeMs),
  );
  if (existsSync(out) && statSync(out).mtimeMs > newest) return;
  const input = recipe.photo
    ? ['-loop', '1', '-i', path.join(facesDir, recipe.photo)]
    : ['-f', 'lavfi', '-i', recipe.lavfi ?? 'color=c=gray:s=640x480'];
  const filter = `${recipe.vf ? `${recipe.vf},` : ''}scale=640:480,setsar=1,format=yuv420p`;
  execFileSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      ...input,
      '-t',
      String(recipe.seconds ?? 2),
      '-r',
      '15',
      '-vf',
      filter,
      out,
    ],
    { stdio: 'inherit' },
  );
}

/**
 * The photos the browser liveness tests' virtual camera turns into a synthetic 3D head: each as
 * `test/.clips/heads/<photo>.rgb` (the texture, RGB) and `<photo>.json` (its size and 68
 * landmarks). face-api finds the landmarks, in Node, once: the page only renders.
 */
const HEAD_PHOTOS = ['obama-1.jpg', 'biden-2.jpg'];

async function writeHeads(): Promise<void> {
  const dir = path.join(clipsDir, 'heads');
  const stale = HEAD_PHOTOS.filter((photo) => {
    const json = path.join(dir, `${photo}.json`);
    return (
      existsSync(path.join(facesDir, photo)) &&
      (!existsSync(json) || statSync(json).mtimeMs < statSync(path.join(facesDir, photo)).mtimeMs)
    );
  });
  if (!stale.length) return;
  mkdirSync(dir, { recursive: true });
  const { loadFaceTexture } = await import('../emulator/testing/liveness/photos.js');
  for (const photo of stale) {
    const t = await loadFaceTexture(photo);
    writeFileSync(path.join(dir, `${photo}.rgb`), t.data);
    writeFileSync(
      path.join(dir, `${photo}.json`),
      JSON.stringify({ width: t.width, height: t.height, landmarks: t.landmarks }),
    );
  }
  console.log(`make-clips: head textures of ${stale.join(', ')} in ${path.relative(root, dir)}`);
}

async function main(): Promise<void> {
  if (!existsSync(facesDir)) {
    console.warn(`make-clips: ${facesDir} is missing; face-camera browser tests will skip.`);
    return;
  }
  mkdirSync(clipsDir, { recursive: true });
  const recipes = readClipRecipes();
  for (const [name, recipe] of Object.entries(recipes)) render(name, recipe);
  console.log(
    `make-clips: ${Object.keys(recipes).length} clips in ${path.relative(root, clipsDir)}`,
  );
  await writeHeads();
}

await main();
