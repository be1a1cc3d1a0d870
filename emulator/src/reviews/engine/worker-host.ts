/**
 * The worker-thread side of a {@link WorkerPool}: loads what the jobs need once, reports `ready`
 * (or `startup-failed`), then answers each job with `done` or `failed` (see worker-protocol.ts).
 * The review worker and the liveness worker differ only in what they load and what a job runs.
 */
import { parentPort } from 'node:worker_threads';
import type { JobMessage, WorkerMessage } from './worker-protocol.js';

/** Serves jobs in this worker thread; `name` says which worker in the error off the main thread. */
export async function serveJobs<Req, Res, Info>(
  name: string,
  load: () => Promise<Info>,
  run: (request: Req) => Promise<Res>,
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error(`${name} must run in a worker thread`);
  const post = (message: WorkerMessage<Res, Info>): void => port.postMessage(message);
  const describe = (error: unknown): string =>
    error instanceof Error ? error.message : String(error);
  try {
    post({ kind: 'ready', info: await load() });
    port.on('message', (job: JobMessage<Req>) => {
      run(job.request).then(
        (result) => post({ kind: 'done', id: job.id, result }),
        (error: unknown) => post({ kind: 'failed', id: job.id, message: describe(error) }),
      );
    });
  } catch (error) {
    post({ kind: 'startup-failed', message: describe(error) });
  }
}
