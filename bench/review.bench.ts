/**
 * Review engine alone (no HTTP): per-review latency over 50 sequential reviews, and throughput
 * with 8 concurrent submissions. Uses ../shared/faces; skips with a message when it is absent.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createFaceReviewer, DEFAULT_THRESHOLDS } from 'face-auth-emulator';
import { facesOrSkip } from './support/paths.js';
import { cpuMeter, describeCpu } from './support/cpu-time.js';
import { percentiles } from './support/percentiles.js';

const SEQUENTIAL = 50;
const CONCURRENCY = 8;
const CONCURRENT_TOTAL = 48;

function summary(times: number[]): string {
  const { p50, p95, n } = percentiles(times);
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(n, 1);
  return `p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, mean ${mean.toFixed(0)} ms (n=${n})`;
}

export async function run(): Promise<void> {
  const facesDir = facesOrSkip('review');
  if (!facesDir) return;
  const photo = async (name: string) => new Uint8Array(await readFile(path.join(facesDir, name)));
  const [obama1, obama2, biden2] = await Promise.all(
    ['obama-1.jpg', 'obama-2.jpg', 'biden-2.jpg'].map(photo),
  );
  const selfies = [obama2, biden2] as Uint8Array[];
  const thresholds = DEFAULT_THRESHOLDS;

  const started = performance.now();
  // No profile cache: "without a stored descriptor" below must measure the real cost.
  const engine = await createFaceReviewer({ profileCacheSize: 0 });
  const info = await engine.ready;
  console.log(
    `review: ${engine.workerCount} worker(s), ready in ${(performance.now() - started).toFixed(0)} ms (models ${info.loadMs} ms, warm-up ${info.warmUpMs} ms); ${info.engine}`,
  );
  try {
    const enrolled = await engine.enrol(obama1 as Uint8Array, thresholds);
    if (!enrolled.descriptor) throw new Error('obama-1 was not accepted at enrolment');
    const review = (selfie: Uint8Array, withDescriptor = true) =>
      engine.review({
        selfie,
        profileImage: obama1 as Uint8Array,
        ...(withDescriptor ? { profileDescriptor: enrolled.descriptor } : {}),
        thresholds,
      });
    for (let i = 0; i < 3; i++) await review(selfies[i % 2] as Uint8Array);
    // Every worker up before timing (they otherwise start as reviews queue up).
    await engine.startAllWorkers();

    const latencies: number[] = [];
    const decode: number[] = [];
    const analyse: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      const outcome = await review(selfies[i % 2] as Uint8Array);
      latencies.push(performance.now() - t);
      decode.push(outcome.decision.timingsMs.decode ?? Number.NaN);
      analyse.push(outcome.decision.timingsMs.analyse ?? Number.NaN);
    }
    console.log(
      `review: ${SEQUENTIAL} sequential reviews (stored profile descriptor): ${summary(latencies)}`,
    );
    console.log(
      `review:   of which decode (sharp) ${summary(decode)}; analyse (worker) ${summary(analyse)}`,
    );

    const cold: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await review(selfies[i % 2] as Uint8Array, false);
      cold.push(performance.now() - t);
    }
    console.log(
      `review: 10 sequential reviews without a stored descriptor (profile re-analysed): ${summary(cold)}`,
    );

    const perReview: number[] = [];
    let next = 0;
    const t0 = performance.now();
    const cpu = cpuMeter();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONCURRENT_TOTAL) {
          const i = next++;
          const t = performance.now();
          await review(selfies[i % 2] as Uint8Array);
          perReview.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const used = cpu();
    console.log(
      `review: ${CONCURRENT_TOTAL} reviews from ${CONCURRENCY} concurrent submitters: ${(CONCURRENT_TOTAL / seconds).toFixed(2)} reviews/s; latency under load ${summary(perReview)}; ${describeCpu(used, CONCURRENT_TOTAL)}`,
    );
  } finally {
    await engine.close();
  }
}
