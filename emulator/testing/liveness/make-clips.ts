/**
 * Writes the liveness matrix clips for one challenge to a folder, as Y4M (Chromium's fake camera
 * plays it: --use-file-for-fake-video-capture) and the pass clip also as a MediaRecorder-style
 * WebM, with the challenge beside them in challenge.json. Frames come from ../shared/faces.
 *
 *     npx tsx emulator/testing/liveness/make-clips.ts [out=test/.clips/liveness] [fps=15]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createChallenge } from '../../src/liveness/challenge.js';
import { matrixClips, toY4m } from './clips.js';
import { photoCast } from './photo-cast.js';
import { haveFaces } from './photos.js';
import { toWebm } from './webm.js';

const out = path.resolve(process.argv[2] ?? 'test/.clips/liveness');
const fps = Number(process.argv[3] ?? 15);
const photos = ['obama-1.jpg', 'obama-2.jpg', 'biden-2.jpg'];
if (!haveFaces(...photos)) {
  console.log(`skipped: ${photos.join(', ')} not found in ../shared/faces`);
  process.exit(0);
}
mkdirSync(out, { recursive: true });
const challenge = createChallenge(randomBytes, new Date());
writeFileSync(path.join(out, 'challenge.json'), `${JSON.stringify(challenge, null, 2)}\n`);
const clips = matrixClips(await photoCast({ challenge, fps, durationMs: 6400 }));
for (const [name, render] of Object.entries(clips)) {
  const frames = render();
  writeFileSync(path.join(out, `${name}.y4m`), toY4m(frames, fps));
  if (name === 'pass') writeFileSync(path.join(out, 'pass.webm'), toWebm(frames, fps));
  console.log(`${name}: ${frames.length} frames`);
}
console.log(`clips for turns ${challenge.turns.join(', ')} in ${out}`);
