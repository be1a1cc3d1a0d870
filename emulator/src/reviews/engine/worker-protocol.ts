/**
 * Messages between a {@link WorkerPool} and its worker threads. A worker posts `ready` once (after
 * loading whatever it needs), then answers each job with `done` or `failed` carrying the job's id.
 * A worker that cannot start posts `startup-failed` (or just dies).
 */

export interface JobMessage<Req> {
  id: number;
  request: Req;
}

export type WorkerMessage<Res, Info> =
  | { kind: 'ready'; info: Info }
  | { kind: 'startup-failed'; message: string }
  | { kind: 'done'; id: number; result: Res }
  | { kind: 'failed'; id: number; message: string };
