/**
 * Review latency through the emulator's HTTP API with the real engine: upload → completed for
 * 50 sequential reviews (p50/p95), and throughput with 8 concurrent clients, each authenticating
 * its own applicant (the emulator runs one applicant's reviews one at a time, so that they land
 * in submission order: 8 clients on one applicant would measure that queue, not the server).
 * Each review is a new action: create, add image, submit, then poll /one every 10 ms until
 * completed.
 * Skips with a message when ../shared/faces is absent.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFaceReviewer } from 'face-auth-emulator';
import { facesOrSkip } from './support/paths.js';
import { cpuMeter, describeCpu } from './support/cpu-time.js';
import { percentiles } from './support/percentiles.js';
import { startBenchProvider } from './support/provider.js';
import { ProviderApiError } from '../src/server/index.js';

const SEQUENTIAL = 50;
const CLIENTS = 8;
const PER_CLIENT = 6;

export async function run(): Promise<void> {
  const faces = facesOrSkip('review-http');
  if (!faces) return;
  const reviewer = await createFaceReviewer();
  // The shipped level requires liveness clips (a selfie alone is refused with 400 1040); this
  // bench measures the face review over HTTP, so its level takes the selfie alone.
  const bench = await startBenchProvider('review-http', {
    reviewer,
    config: {
      levels: [
        {
          name: 'face-auth',
          type: 'faceAuthorization',
          liveness: { required: false, reflection: true },
        },
      ],
    },
  });
  const { client, levelName } = bench;
  const photo = (name: string) => ({
    content: readFileSync(path.join(faces, name)),
    fileName: name,
    mimeType: 'image/jpeg',
  });
  try {
    const applicants: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const { applicantId } = await client.applicants.create({ referenceId: `bench-${i}` });
      await client.applicants.enrol(applicantId, photo('obama-1.jpg'), { waitMs: 120_000 });
      applicants.push(applicantId);
    }
    const selfies = [photo('obama-2.jpg'), photo('biden-2.jpg')];
    // A full review queue answers 503 (admission control, on a loaded box): a client waits and
    // submits again, as a real one would; the wait counts in that review's latency.
    let refused = 0;
    // Polls of /one: at 10 ms each (much tighter than the widget's 100 ms-1 s back-off), their
    // CPU, in this same process, grows with the latency; printed so that is visible.
    let polls = 0;
    const submit = async (actionId: string): Promise<void> => {
      for (;;) {
        try {
          return void (await client.submitAction(actionId));
        } catch (error) {
          if (!(error instanceof ProviderApiError) || error.status !== 503) throw error;
          refused++;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    let n = 0;
    const review = async (applicantId = applicants[0]!): Promise<number> => {
      const selfie = selfies[n++ % selfies.length]!;
      const action = await client.createAction(applicantId, levelName, {
        externalActionId: `bench-${n}-${Date.now()}`,
      });
      const start = performance.now();
      await client.addActionImage(action.id, {
        ...selfie,
        metadata: { idDocType: 'SELFIE', country: 'USA' },
      });
      await submit(action.id);
      for (;;) {
        polls++;
        const one = await client.getAction(action.id);
        if (one.review.reviewStatus === 'completed') return performance.now() - start;
        await new Promise((r) => setTimeout(r, 10));
      }
    };

    await review(); // warm-up: first request paths, profile descriptor cache
    // Every review worker up before timing (they otherwise start as reviews queue up).
    await reviewer.startAllWorkers();
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await review());
    const s = percentiles(sequential);
    console.log(
      `review-http: upload → completed, ${s.n} sequential: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`,
    );

    const started = performance.now();
    const cpu = cpuMeter();
    const pollsBefore = polls;
    const latencies = (
      await Promise.all(
        applicants.map(async (applicantId) => {
          const mine: number[] = [];
          for (let i = 0; i < PER_CLIENT; i++) mine.push(await review(applicantId));
          return mine;
        }),
      )
    ).flat();
    const seconds = (performance.now() - started) / 1000;
    const used = cpu();
    const c = percentiles(latencies);
    console.log(
      `review-http: ${CLIENTS} concurrent clients (one applicant each), ${latencies.length} reviews in ${seconds.toFixed(1)} s: ` +
        `${(latencies.length / seconds).toFixed(2)} reviews/s (latency p50 ${c.p50.toFixed(0)} ms, p95 ${c.p95.toFixed(0)} ms; ${os.availableParallelism()} cores); ${describeCpu(used, latencies.length)}; ${reviewer.workerCount} worker(s), ${((polls - pollsBefore) / latencies.length).toFixed(0)} polls/review, ${refused} submits refused with 503`,
    );
  } finally {
    await bench.close();
    await reviewer.close();
  }
}
