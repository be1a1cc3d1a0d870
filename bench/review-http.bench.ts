/**
 * Review latency through the emulator's HTTP API with the real engine: upload → completed for
 * 50 sequential reviews (p50/p95), and throughput with 8 concurrent clients. Each review is a
 * new action: create, add image, submit, then poll /one every 10 ms until completed.
 * Skips with a message when ../shared/faces is absent.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfigFile } from '../demo/provider/config.js';
import { startProvider } from '../demo/provider/server.js';
import { createFaceReviewer } from '../demo/provider/review/index.js';
import { ProviderClient } from '../src/server/index.js';
import { percentiles, root } from './support/browser.js';

const SEQUENTIAL = 50;
const CLIENTS = 8;
const PER_CLIENT = 6;

export async function run(): Promise<void> {
  const faces = path.resolve(root, '../shared/faces');
  if (!existsSync(faces)) {
    console.log(`review-http: SKIP, ${faces} is missing (needs the shared face photos)`);
    return;
  }
  const defaults = loadConfigFile();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-review-http-'));
  const reviewer = await createFaceReviewer();
  const provider = await startProvider({
    port: 0,
    dataDir,
    reviewer,
    config: { sandbox: { enabled: false }, webhooks: [] },
  });
  const client = new ProviderClient({
    baseUrl: provider.url,
    appToken: defaults.appTokens[0]!.token,
    appSecret: defaults.appTokens[0]!.secret,
    secretKey: defaults.secretKeys[0]!,
  });
  const level = defaults.levels[0]!.name;
  const photo = (name: string) => ({
    content: readFileSync(path.join(faces, name)),
    fileName: name,
    mimeType: 'image/jpeg',
  });
  try {
    const { applicantId } = await client.applicants.create({ referenceId: 'bench' });
    await client.applicants.enrol(applicantId, photo('obama-1.jpg'), { waitMs: 120_000 });
    const selfies = [photo('obama-2.jpg'), photo('biden-2.jpg')];
    let n = 0;
    const review = async (): Promise<number> => {
      const selfie = selfies[n++ % selfies.length]!;
      const action = await client.createAction(applicantId, level, {
        externalActionId: `bench-${n}-${Date.now()}`,
      });
      const start = performance.now();
      await client.addActionImage(action.id, {
        ...selfie,
        metadata: { idDocType: 'SELFIE', country: 'USA' },
      });
      await client.submitAction(action.id);
      for (;;) {
        const one = await client.getAction(action.id);
        if (one.review.reviewStatus === 'completed') return performance.now() - start;
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    await review(); // warm-up: first request paths, profile descriptor cache
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await review());
    const s = percentiles(sequential);
    console.log(
      `review-http: upload → completed, ${s.n} sequential: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`,
    );

    const started = performance.now();
    const latencies = (
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          const mine: number[] = [];
          for (let i = 0; i < PER_CLIENT; i++) mine.push(await review());
          return mine;
        }),
      )
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    const c = percentiles(latencies);
    console.log(
      `review-http: ${CLIENTS} concurrent clients, ${latencies.length} reviews in ${seconds.toFixed(1)} s: ` +
        `${(latencies.length / seconds).toFixed(2)} reviews/s (latency p50 ${c.p50.toFixed(0)} ms, p95 ${c.p95.toFixed(0)} ms; ${os.availableParallelism()} cores)`,
    );
  } finally {
    await provider.close();
    await reviewer.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
