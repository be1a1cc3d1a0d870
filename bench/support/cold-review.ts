/**
 * One cold emulator's first review, as a child process of bench/review-cold.bench.ts: starts a
 * review engine with `FACE_REVIEW_WORKERS` workers, enrols obama-1 as soon as it can (the demo's
 * first step), and prints one JSON line with the times since the process started.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFaceReviewer, DEFAULT_THRESHOLDS } from 'face-auth-emulator';
import { facesDir } from './paths.js';

const started = performance.timeOrigin + performance.now() - process.uptime() * 1000;
const sinceStart = () => Math.round(Date.now() - started);
const engine = await createFaceReviewer();
const readyMs = sinceStart();
const outcome = await engine.enrol(
  new Uint8Array(readFileSync(path.join(facesDir, 'obama-1.jpg'))),
  DEFAULT_THRESHOLDS,
);
const firstReviewMs = sinceStart();
await engine.close();
console.log(
  JSON.stringify({
    workers: engine.workerCount,
    readyMs,
    firstReviewMs,
    accepted: Boolean(outcome.descriptor),
  }),
);
