/**
 * Review latency through the emulator's HTTP API with the real engine: upload → completed for
 * 50 sequential reviews (p50/p95), and throughput with 8 concurrent clients, each authenticating
 * its own applicant (the emulator runs one applicant's reviews one at a time, so that they land
 * in submission order: 8 clients on one applicant would measure that queue, not the server).
 * Each review is a new action: create, add image, submit, then read /one until completed.
 *
 * The clients run in a process of their own (support/http-clients.ts), as real clients do not
 * run on the provider's event loop; both processes' CPU is printed. The throughput is measured
 * three times:
 * - 16 clients polling as the widget does (src/core/polling.ts: the submit's answer, then 0.7 s
 *   growing by 1.15x): the row the summary reads. A widget waits at least 0.7 s before its
 *   first poll, so 8 such clients in a closed loop cannot pass ~10 reviews/s whatever the
 *   server does; 16 keep the server busy, as many people verifying at once would;
 * - 8 clients polling as the widget does, to show that cap;
 * - 8 clients polling every 10 ms, as this bench did before, to compare with earlier runs.
 * The sequential latency polls every 10 ms, so that it measures the server's latency and not
 * the widget's polling interval.
 * Skips with a message when ../shared/faces is absent.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaceReviewer } from 'face-auth-emulator';
import { facesOrSkip } from './support/paths.js';
import { cpuMeter, mainThreadCpuMs } from './support/cpu-time.js';
import type { ClientPhase, ClientSetup, PhaseResult, Polling } from './support/http-clients.js';
import { percentiles } from './support/percentiles.js';
import { startBenchProvider } from './support/provider.js';

const SEQUENTIAL = 50;
/** Clients polling as the widget does; each has an applicant of its own. */
const WIDGET_CLIENTS = 16;
/** Clients of the earlier runs of this bench. */
const CLIENTS = 8;
const PER_CLIENT = 6;

/** The client process: one phase at a time, answered with its result. */
function startClients(setup: ClientSetup) {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./support/http-clients.ts', import.meta.url)),
    [],
    { execArgv: ['--import', 'tsx'], serialization: 'advanced' },
  );
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the bench's client process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const ready = next();
  child.send({ setup });
  return {
    ready,
    async run(phase: ClientPhase): Promise<PhaseResult> {
      const answer = next();
      child.send({ phase });
      const m = await answer;
      if (m.error) throw new Error(`the bench's clients failed: ${String(m.error)}`);
      return m.result as PhaseResult;
    },
    close(): void {
      if (child.connected) child.send({ close: true });
      // Ends on its own once disconnected; a client stuck in a request is ended here.
      setTimeout(() => child.kill(), 5000).unref();
    },
  };
}

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
  const { client, levelName, provider } = bench;
  let clients: ReturnType<typeof startClients> | undefined;
  try {
    const obama1 = {
      content: readFileSync(path.join(faces, 'obama-1.jpg')),
      fileName: 'obama-1.jpg',
      mimeType: 'image/jpeg',
    };
    const applicants: string[] = [];
    for (let i = 0; i < WIDGET_CLIENTS; i++) {
      const { applicantId } = await client.applicants.create({ referenceId: `bench-${i}` });
      await client.applicants.enrol(applicantId, obama1, { waitMs: 120_000 });
      applicants.push(applicantId);
    }
    const { appTokens, secretKeys } = provider.config;
    clients = startClients({
      baseUrl: provider.url,
      appToken: appTokens[0]!.token,
      appSecret: appTokens[0]!.secret,
      secretKey: secretKeys[0]!,
      levelName,
      faces,
      applicants,
    });
    await clients.ready;

    // Every review worker up before timing (they otherwise start as reviews queue up).
    await reviewer.startAllWorkers();
    // Warm-up: first request paths, the profile descriptor, both processes' JIT.
    await clients.run({ kind: 'sequential', reviews: 2, polling: 'every-10-ms' });
    const sequential = await clients.run({
      kind: 'sequential',
      reviews: SEQUENTIAL,
      polling: 'every-10-ms',
    });
    const s = percentiles(sequential.latencies);
    console.log(
      `review-http: upload → completed, ${s.n} sequential: p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms`,
    );

    const concurrent = async (clientCount: number, polling: Polling) => {
      const server = cpuMeter();
      const main = mainThreadCpuMs();
      const r = await clients!.run({
        kind: 'concurrent',
        clients: clientCount,
        perClient: PER_CLIENT,
        polling,
      });
      const { cpuMs, load } = server();
      const mainMs = main === undefined ? undefined : mainThreadCpuMs()! - main;
      const n = r.latencies.length;
      const c = percentiles(r.latencies);
      const perReview = (ms: number) => `${(ms / n).toFixed(0)} ms`;
      return (
        `${n} reviews in ${r.seconds.toFixed(1)} s: ${(n / r.seconds).toFixed(2)} reviews/s ` +
        `(latency p50 ${c.p50.toFixed(0)} ms, p95 ${c.p95.toFixed(0)} ms; ${os.availableParallelism()} cores); ` +
        `CPU per review: emulator ${perReview(cpuMs)}` +
        (mainMs === undefined ? '' : ` (its main thread ${perReview(mainMs)})`) +
        `, clients ${perReview(r.cpuMs)}, load ${load.toFixed(1)} at the start; ` +
        `${reviewer.workerCount} worker(s), ${(r.polls / n).toFixed(1)} polls/review, ${r.refused} submits refused with 503`
      );
    };
    console.log(
      `review-http: ${WIDGET_CLIENTS} concurrent clients (one applicant each, polling as the widget does), ${await concurrent(WIDGET_CLIENTS, 'widget')}`,
    );
    console.log(
      `review-http: ${CLIENTS} clients polling as the widget does (at most ~10/s: each waits 0.7 s or more a review), ${await concurrent(CLIENTS, 'widget')}`,
    );
    console.log(
      `review-http: ${CLIENTS} clients polling every 10 ms (the old bench; no real client polls so often), ${await concurrent(CLIENTS, 'every-10-ms')}`,
    );
  } finally {
    clients?.close();
    await bench.close();
    await reviewer.close();
  }
}
