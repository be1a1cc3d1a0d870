/**
 * A cold emulator's first review while others start beside it, as tests and the demo do: 3
 * processes start at once, each a review engine that enrols obama-1 as soon as it can; printed
 * per worker count (1, 2): the time from process start to the first worker ready and to the
 * first verdict, median and worst of the 3. The review engine's default worker count is chosen
 * on this and on the throughput of `review` / `review-http`.
 * Skips with a message when ../shared/faces is absent.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { facesOrSkip, root } from './support/paths.js';
import { percentiles } from './support/percentiles.js';

const EMULATORS = 3;
const WORKER_COUNTS = (process.env.COLD_WORKERS ?? '1,2').split(',').map(Number);

interface ColdResult {
  workers: number;
  readyMs: number;
  firstReviewMs: number;
  accepted: boolean;
}

function coldReview(workers: number): Promise<ColdResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'bench/support/cold-review.ts')],
      { cwd: root, env: { ...process.env, FACE_REVIEW_WORKERS: String(workers) } },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`cold review exited with ${code}: ${err.slice(-500)}`));
      } else resolve(JSON.parse(line) as ColdResult);
    });
  });
}

export async function run(): Promise<void> {
  if (!facesOrSkip('review-cold')) return;
  for (const workers of WORKER_COUNTS) {
    const results = await Promise.all(Array.from({ length: EMULATORS }, () => coldReview(workers)));
    if (results.some((r) => !r.accepted)) throw new Error('a cold enrolment of obama-1 failed');
    const ready = percentiles(results.map((r) => r.readyMs));
    const first = results.map((r) => r.firstReviewMs);
    const firstP = percentiles(first);
    console.log(
      `review-cold: ${EMULATORS} emulators starting at once, ${workers} worker(s) each: first worker ready p50 ${ready.p50} ms; ` +
        `first verdict p50 ${firstP.p50} ms, worst ${Math.max(...first)} ms`,
    );
  }
}
