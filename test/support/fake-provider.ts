import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for the provider and the host backend's token endpoint, with switches for the
 * faults the widget must survive. It speaks the Actions API's paths, `X-Access-Token` and the error
 * shape `{description, code, correlationId, errorCode, errorName}`.
 */

type ReviewStatus = 'init' | 'pending' | 'queued' | 'completed' | 'onHold';

export interface FakeAction {
  id: string;
  externalActionId: string;
  review: {
    reviewStatus: ReviewStatus;
    reviewResult?: { reviewAnswer: string; rejectLabels: string[]; reviewRejectType?: string };
  };
  images: { id: string; fileName: string; size: number; metadata: unknown }[];
  /** Liveness clips, in arrival order. */
  videos: { fileName: string; type: string; size: number; metadata: unknown }[];
  /** Liveness challenges issued for it. */
  challenges: string[];
}

/** What the next matching request gets instead of the normal answer. */
export type Fault =
  | {
      kind: 'status';
      status: number;
      errorName?: string;
      errorCode?: number;
      description?: string;
      retryAfter?: string;
    }
  /** Read part of the body, then destroy the socket. */
  | { kind: 'destroy' }
  /** Stop reading the body (TCP back-pressure stalls the upload) until the client gives up. */
  | { kind: 'stall' }
  /** Read the whole body, never answer (and never store anything). */
  | { kind: 'hold' };

export type RouteName = 'token' | 'create' | 'upload' | 'submit' | 'one' | 'challenge' | 'video';

export interface FakeProviderOptions {
  /** Polls of `/one` answered `queued` before the review completes; Infinity = never. */
  pollsUntilDone?: number;
  result?: {
    reviewAnswer: 'GREEN' | 'RED' | 'ERROR';
    rejectLabels?: string[];
    reviewRejectType?: 'RETRY' | 'FINAL';
  };
  /** End in `onHold` instead of `completed`. */
  onHold?: boolean;
  /** With `onHold`: the hold is released (completed with `result`) after this many reads. */
  releaseHoldAfterPolls?: number;
  /** Token endpoint: include `externalActionId` in its answer. */
  grantExternalActionId?: string;
  /** Token endpoint: mint tokens that the provider rejects as expired right away. */
  mintExpiredTokens?: boolean;
}

export class FakeProvider {
  readonly server: Server;
  baseUrl = '';
  readonly hits: Record<RouteName, number> = {
    token: 0,
    create: 0,
    upload: 0,
    submit: 0,
    one: 0,
    challenge: 0,
    video: 0,
  };
  /** Requests whose connection closed before an answer was sent. */
  readonly aborted: RouteName[] = [];
  /** Fires when an upload request arrives (headers read). */
  onUploadStarted: (() => void) | undefined;
  readonly actions = new Map<string, FakeAction>();
  private readonly validTokens = new Set<string>();
  private readonly faults = new Map<RouteName, Fault[]>();
  private tokenSeq = 0;
  private polls = 0;
  private heldPolls = 0;
  /** Expire every token issued so far once this route has answered. */
  private expireAfter: RouteName | undefined;

  constructor(readonly options: FakeProviderOptions = {}) {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed)
          this.error(res, 500, 'internal-error', 1500, String(e));
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get tokenUrl(): string {
    return `${this.baseUrl}/host/token`;
  }

  /** Queue faults for the next requests to a route (one fault per request, in order). */
  fail(route: RouteName, ...faults: Fault[]): this {
    this.faults.set(route, [...(this.faults.get(route) ?? []), ...faults]);
    return this;
  }

  expireTokensAfter(route: RouteName): this {
    this.expireAfter = route;
    return this;
  }

  issueToken(): string {
    const token = `_act-test-${++this.tokenSeq}`;
    if (!this.options.mintExpiredTokens) this.validTokens.add(token);
    return token;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const route = routeOf(req.method ?? 'GET', url.pathname);
    if (!route)
      return this.error(res, 404, 'not-found', 1004, `No route ${req.method} ${url.pathname}`);
    this.hits[route.name] += 1;
    // The socket, not the response: a stalled (paused) request never reads the client's FIN.
    // Keep-alive sockets carry many requests: drop the listener once this response is out.
    const onClose = (): void => {
      if (!res.writableEnded) this.aborted.push(route.name);
    };
    req.socket.once('close', onClose);
    res.once('finish', () => req.socket.off('close', onClose));
    if (route.name === 'upload') this.onUploadStarted?.();

    const fault = this.faults.get(route.name)?.shift();
    if (fault?.kind === 'destroy') {
      await readSome(req);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall') {
      req.pause();
      return;
    }
    const body = await readAll(req);
    if (fault?.kind === 'hold') return;
    if (fault?.kind === 'status') {
      if (fault.retryAfter) res.setHeader('Retry-After', fault.retryAfter);
      return this.error(
        res,
        fault.status,
        fault.errorName ?? 'fault',
        fault.errorCode ?? 1500,
        fault.description ?? 'Injected fault',
      );
    }

    if (route.name === 'token') {
      if (req.method !== 'POST') return this.error(res, 405, 'method', 1, 'POST only');
      const token = this.issueToken();
      const grant = this.options.grantExternalActionId
        ? { externalActionId: this.options.grantExternalActionId }
        : {};
      return json(res, 200, { token, ...grant });
    }

    const access = req.headers['x-access-token'];
    if (typeof access !== 'string' || !this.validTokens.has(access)) {
      const known = typeof access === 'string' && access.startsWith('_act-test-');
      return known
        ? this.error(res, 401, 'access-token-expired', 4021, 'Access token has expired')
        : this.error(res, 401, 'access-token-invalid', 4020, 'Access token is invalid');
    }

    switch (route.name) {
      case 'create': {
        const input = JSON.parse(body.toString('utf8')) as { externalActionId?: string };
        if (!input.externalActionId)
          return this.error(res, 400, 'validation-error', 1001, 'externalActionId is required');
        let action = [...this.actions.values()].find(
          (a) => a.externalActionId === input.externalActionId,
        );
        if (!action) {
          action = {
            id: `act${this.actions.size + 1}`,
            externalActionId: input.externalActionId,
            review: { reviewStatus: 'init' },
            images: [],
            videos: [],
            challenges: [],
          };
          this.actions.set(action.id, action);
        }
        return this.answer(res, route.name, action);
      }
      case 'upload': {
        const action = this.actions.get(route.actionId!);
        if (!action) return this.error(res, 404, 'not-found', 1004, 'No action');
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': String(req.headers['content-type']) },
        }).formData();
        const metadata = JSON.parse(String(form.get('metadata'))) as unknown;
        const content = form.get('content');
        if (!(content instanceof Blob))
          return this.error(res, 400, 'validation-error', 1001, 'content is required');
        const image = {
          id: `img${action.images.length + 1}`,
          fileName: (content as File).name,
          size: content.size,
          metadata,
        };
        action.images.push(image);
        if (action.review.reviewStatus === 'completed') action.review = { reviewStatus: 'init' };
        return this.answer(res, route.name, {
          id: image.id,
          imageFileName: image.fileName,
          idDocDef: metadata,
        });
      }
      case 'challenge': {
        const action = this.actions.get(route.actionId!);
        if (!action) return this.error(res, 404, 'not-found', 1004, 'No action');
        const challengeId = `ch${action.challenges.length + 1}`;
        action.challenges.push(challengeId);
        return this.answer(res, route.name, {
          challengeId,
          expiresAt: new Date(Date.now() + 120_000).toISOString(),
          colours: ['#ff0000', '#00ff00', '#0000ff'],
          segmentMs: 500,
          turns: ['left', 'right'],
        });
      }
      case 'video': {
        const action = this.actions.get(route.actionId!);
        if (!action) return this.error(res, 404, 'not-found', 1004, 'No action');
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': String(req.headers['content-type']) },
        }).formData();
        const content = form.get('content');
        if (!(content instanceof Blob))
          return this.error(res, 400, 'validation-error', 1001, 'content is required');
        action.videos.push({
          fileName: (content as File).name,
          type: content.type,
          size: content.size,
          metadata: JSON.parse(String(form.get('metadata'))) as unknown,
        });
        return this.answer(res, route.name, { ok: 1 });
      }
      case 'submit': {
        const action = this.actions.get(route.actionId!);
        if (!action) return this.error(res, 404, 'not-found', 1004, 'No action');
        if (action.review.reviewStatus === 'init') action.review = { reviewStatus: 'pending' };
        else if (action.review.reviewStatus === 'completed') {
          return this.error(res, 409, 'invalid-state', 1022, 'Action is already reviewed');
        }
        return this.answer(res, route.name, action);
      }
      case 'one': {
        const action = this.actions.get(route.actionId!);
        if (!action) return this.error(res, 404, 'not-found', 1004, 'No action');
        if (action.review.reviewStatus === 'pending' || action.review.reviewStatus === 'queued') {
          this.polls += 1;
          if (this.polls > (this.options.pollsUntilDone ?? 1)) this.complete(action);
          else action.review = { reviewStatus: 'queued' };
        } else if (
          action.review.reviewStatus === 'onHold' &&
          this.options.releaseHoldAfterPolls !== undefined
        ) {
          this.heldPolls += 1;
          if (this.heldPolls >= this.options.releaseHoldAfterPolls) this.answerReview(action);
        }
        return this.answer(res, route.name, action);
      }
    }
  }

  complete(action: FakeAction): void {
    if (this.options.onHold) {
      action.review = { reviewStatus: 'onHold' };
      return;
    }
    this.answerReview(action);
  }

  /** Completes the review with `result` (GREEN by default). */
  private answerReview(action: FakeAction): void {
    const r = this.options.result ?? { reviewAnswer: 'GREEN' };
    action.review = {
      reviewStatus: 'completed',
      reviewResult: {
        reviewAnswer: r.reviewAnswer,
        rejectLabels: r.rejectLabels ?? [],
        ...(r.reviewRejectType ? { reviewRejectType: r.reviewRejectType } : {}),
      },
    };
  }

  private answer(res: ServerResponse, route: RouteName, body: unknown): void {
    json(res, 200, body);
    if (this.expireAfter === route) {
      this.expireAfter = undefined;
      this.validTokens.clear();
    }
  }

  private error(
    res: ServerResponse,
    status: number,
    errorName: string,
    errorCode: number,
    description: string,
  ): void {
    json(res, status, {
      description,
      code: status,
      correlationId: `req-${Math.random().toString(16).slice(2)}`,
      errorCode,
      errorName,
    });
  }
}

function routeOf(method: string, path: string): { name: RouteName; actionId?: string } | undefined {
  if (path === '/host/token') return { name: 'token' };
  if (method === 'POST' && path === '/resources/applicantActions/-/forApplicant/-')
    return { name: 'create' };
  const m =
    /^\/resources\/applicantActions\/([^/]+)\/(images|videos|liveness\/challenge|review\/status\/pending|one)$/.exec(
      path,
    );
  if (!m) return undefined;
  const actionId = decodeURIComponent(m[1]!);
  if (m[2] === 'images' && method === 'POST') return { name: 'upload', actionId };
  if (m[2] === 'videos' && method === 'POST') return { name: 'video', actionId };
  if (m[2] === 'liveness/challenge' && method === 'POST') return { name: 'challenge', actionId };
  if (m[2] === 'one' && method === 'GET') return { name: 'one', actionId };
  if (m[2] === 'review/status/pending' && method === 'POST') return { name: 'submit', actionId };
  return undefined;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Resolves after the first body chunk (or the end of an empty body). */
function readSome(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.once('data', () => {
      req.pause();
      resolve();
    });
    req.once('end', () => resolve());
  });
}
