import { afterEach, describe, expect, it } from 'vitest';
import { ActionFlowError } from '../core/action-flow-errors.js';
import type { ActionClientConfig, ActionPhase } from './run-action.js';
import { runAction } from './run-action.js';
import type { UploadProgress } from './upload.js';
import { FakeProvider } from '../../test/support/fake-provider.js';
import type { FakeProviderOptions } from '../../test/support/fake-provider.js';

/**
 * The provider flow against a local fake provider with fault switches. Waits are shortened
 * through the retry/poll options, never by mocking timers: the requests are real HTTP.
 */

const fast: Partial<ActionClientConfig> = {
  country: 'RUS',
  externalActionId: 'ext-1',
  retry: { retries: 3, baseMs: 5, factor: 2, maxMs: 20, maxRetryAfterMs: 1_000 },
  poll: { initialDelayMs: 5, factor: 1.5, maxDelayMs: 20, jitter: 0.2, timeoutMs: 2_000 },
  requestTimeoutMs: 2_000,
  uploadTimeoutMs: 5_000,
};

let provider: FakeProvider | undefined;

afterEach(async () => {
  await provider?.stop();
  provider = undefined;
});

async function start(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  provider = await new FakeProvider(options).start();
  return provider;
}

function config(p: FakeProvider, extra: Partial<ActionClientConfig> = {}): ActionClientConfig {
  return { ...fast, apiBaseUrl: p.baseUrl, tokenUrl: p.tokenUrl, country: 'RUS', ...extra };
}

const image = (bytes = 32 * 1024): Blob =>
  new Blob([new Uint8Array(bytes).fill(7)], { type: 'image/jpeg' });

/** Runs and returns the rejection as a value (so a failure path cannot leak a rejection). */
async function failure(promise: Promise<unknown>): Promise<ActionFlowError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ActionFlowError);
    return e as ActionFlowError;
  }
  throw new Error('expected the run to fail');
}

describe('runAction — happy paths', () => {
  it('token → resolve → upload with progress → submit → poll → GREEN', async () => {
    const p = await start({ pollsUntilDone: 2 });
    const phases: ActionPhase[] = [];
    const progress: UploadProgress[] = [];
    const outcome = await runAction(config(p), {
      image: image(256 * 1024),
      onState: (s) => phases.push(s),
      onProgress: (pr) => progress.push(pr),
    });
    expect(outcome).toMatchObject({
      actionId: 'act1',
      externalActionId: 'ext-1',
      reviewStatus: 'completed',
      answer: 'GREEN',
      reviewResult: { rejectLabels: [], reviewRejectType: null },
    });
    expect(phases).toEqual(['authorizing', 'resolving', 'uploading', 'submitting', 'reviewing']);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)!.transferredBytes).toBeGreaterThanOrEqual(256 * 1024);
    expect(progress.map((x) => x.fraction)).toEqual(
      [...progress.map((x) => x.fraction)].sort((a, b) => a - b),
    );
    const action = p.actions.get('act1')!;
    expect(action.images).toHaveLength(1);
    expect(action.images[0]).toMatchObject({
      fileName: 'selfie.jpg',
      metadata: { idDocType: 'SELFIE', country: 'RUS' },
    });
    expect(p.hits).toMatchObject({ token: 1, create: 1, upload: 1, submit: 1 });
  });

  it('RED with its reasons, and the externalActionId named by the token endpoint', async () => {
    const p = await start({
      grantExternalActionId: 'ext-from-backend',
      result: { reviewAnswer: 'RED', rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'RETRY' },
    });
    const outcome = await runAction(config(p, { externalActionId: undefined }), { image: image() });
    expect(outcome).toMatchObject({
      externalActionId: 'ext-from-backend',
      answer: 'RED',
      reviewResult: { rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'RETRY' },
    });
  });

  it('a RED/RETRY action takes a new image on the next run; a settled one is answered as is', async () => {
    const p = await start({
      result: { reviewAnswer: 'RED', rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'RETRY' },
    });
    await runAction(config(p), { image: image() });
    p.options.result = { reviewAnswer: 'GREEN' };
    const second = await runAction(config(p), { image: image() });
    expect(second.answer).toBe('GREEN');
    expect(p.actions.get('act1')!.images).toHaveLength(2);
    const third = await runAction(config(p), { image: image() });
    expect(third.answer).toBe('GREEN');
    expect(p.hits.upload).toBe(2);
  });

  it('onHold ends the run with no answer once the poll timeout is over', async () => {
    const p = await start({ onHold: true });
    const short = { ...fast.poll!, timeoutMs: 300 };
    const started = Date.now();
    const outcome = await runAction(config(p, { poll: short }), { image: image() });
    expect(outcome).toMatchObject({ reviewStatus: 'onHold', answer: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250); // it kept reading while on hold
  });

  it('a hold released while the widget still reads ends with the answer', async () => {
    const p = await start({
      onHold: true,
      releaseHoldAfterPolls: 3,
      result: { reviewAnswer: 'RED', rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'FINAL' },
    });
    const outcome = await runAction(config(p), { image: image() });
    expect(outcome).toMatchObject({
      reviewStatus: 'completed',
      answer: 'RED',
      reviewResult: { rejectLabels: ['FACE_MISMATCH'], reviewRejectType: 'FINAL' },
    });
  });

  it('accessTokenProvider instead of token-url', async () => {
    const p = await start();
    let calls = 0;
    const outcome = await runAction(
      config(p, {
        tokenUrl: undefined,
        accessTokenProvider: () => {
          calls += 1;
          return Promise.resolve(p.issueToken());
        },
      }),
      { image: image() },
    );
    expect(outcome.answer).toBe('GREEN');
    expect(calls).toBe(1);
    expect(p.hits.token).toBe(0);
  });
});

describe('runAction — faults', () => {
  it('the token endpoint fails: code token, nothing sent to the provider', async () => {
    const p = await start();
    p.fail('token', { kind: 'status', status: 500 });
    const e = await failure(runAction(config(p), { image: image() }));
    expect(e).toMatchObject({ code: 'token', status: 500, step: 'token', retryable: true });
    expect(p.hits.create).toBe(0);
  });

  it('the token provider callback rejects: code token', async () => {
    const p = await start();
    const e = await failure(
      runAction(
        config(p, {
          tokenUrl: undefined,
          accessTokenProvider: () => Promise.reject(new Error('backend down')),
        }),
        {
          image: image(),
        },
      ),
    );
    expect(e.code).toBe('token');
  });

  it('the access token expires between upload and submit: one refresh, then success', async () => {
    const p = await start();
    p.expireTokensAfter('upload');
    const outcome = await runAction(config(p), { image: image() });
    expect(outcome.answer).toBe('GREEN');
    expect(p.hits.token).toBe(2);
    expect(p.hits.submit).toBe(2);
    expect(p.hits.upload).toBe(1);
  });

  it('a refreshed token that is refused again: code token-expired, with the provider fields', async () => {
    const p = await start({ mintExpiredTokens: true });
    const e = await failure(runAction(config(p), { image: image() }));
    expect(e).toMatchObject({
      code: 'token-expired',
      status: 401,
      errorCode: 4021,
      errorName: 'access-token-expired',
      step: 'resolve',
    });
    expect(p.hits.token).toBe(2);
    expect(p.hits.create).toBe(2);
  });

  it('500 twice then success, on the polls and on the (idempotent) create', async () => {
    const p = await start();
    p.fail('create', { kind: 'status', status: 500 }, { kind: 'status', status: 502 });
    p.fail('one', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    const outcome = await runAction(config(p), { image: image() });
    expect(outcome.answer).toBe('GREEN');
    expect(p.hits.create).toBe(3);
    expect(p.hits.one).toBeGreaterThanOrEqual(3);
  });

  it('5xx beyond the retry budget: provider-unavailable with the errorCode', async () => {
    const p = await start();
    const five = {
      kind: 'status',
      status: 500,
      errorCode: 1500,
      errorName: 'internal-error',
    } as const;
    p.fail('one', five, five, five, five);
    const e = await failure(runAction(config(p), { image: image() }));
    expect(e).toMatchObject({
      code: 'provider-unavailable',
      status: 500,
      errorCode: 1500,
      step: 'review',
      retryable: true,
    });
    expect(p.hits.one).toBe(4);
  });

  it('the upload is not replayed after a 500 (it may have landed), but is after a 503', async () => {
    const p = await start();
    p.fail('upload', { kind: 'status', status: 503, retryAfter: '0' });
    expect((await runAction(config(p), { image: image() })).answer).toBe('GREEN');
    expect(p.hits.upload).toBe(2);

    const q = await new FakeProvider().start();
    try {
      q.fail('upload', { kind: 'status', status: 500 });
      const e = await failure(runAction(config(q), { image: image() }));
      expect(e).toMatchObject({ code: 'provider-unavailable', step: 'upload' });
      expect(q.hits.upload).toBe(1);
    } finally {
      await q.stop();
    }
  });

  it('a 4xx carries the provider description as data (never markup)', async () => {
    const p = await start();
    const description = '<img src=x onerror=alert(1)> metadata.country is required';
    p.fail('upload', {
      kind: 'status',
      status: 400,
      errorCode: 1001,
      errorName: 'validation-error',
      description,
    });
    const e = await failure(runAction(config(p), { image: image() }));
    expect(e).toMatchObject({
      code: 'provider-rejected',
      status: 400,
      errorCode: 1001,
      description,
      retryable: false,
    });
    expect(typeof e.correlationId).toBe('string');
    expect(e.message).not.toContain('<img');
  });

  it('the review never completes: code timeout after the poll timeout', async () => {
    const p = await start({ pollsUntilDone: Infinity });
    const started = Date.now();
    const e = await failure(
      runAction(
        config(p, {
          poll: { initialDelayMs: 5, factor: 2, maxDelayMs: 40, jitter: 0.2, timeoutMs: 200 },
        }),
        {
          image: image(),
        },
      ),
    );
    expect(e).toMatchObject({ code: 'timeout', step: 'review', retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(p.hits.one).toBeGreaterThan(2);
  });

  it('the network drops mid-upload: code network, the upload is not replayed', async () => {
    const p = await start();
    p.fail('upload', { kind: 'destroy' });
    const e = await failure(runAction(config(p), { image: image(512 * 1024) }));
    expect(e).toMatchObject({ code: 'network', step: 'upload', retryable: true });
    expect(p.hits.upload).toBe(1);
    expect(p.hits.submit).toBe(0);
  });

  it('a refused connection is retried (nothing was sent), then fails as network', async () => {
    const p = await start();
    const url = p.baseUrl;
    await p.stop();
    provider = undefined;
    const e = await failure(
      runAction(
        {
          ...fast,
          country: 'RUS',
          apiBaseUrl: url,
          accessTokenProvider: () => Promise.resolve('t'),
        },
        { image: image() },
      ),
    );
    expect(e).toMatchObject({ code: 'network', step: 'resolve' });
  });

  it('cancel mid-upload (body half sent): rejects with aborted, the body stops, nothing stored or submitted', async () => {
    const p = await start();
    p.fail('upload', { kind: 'stall' });
    const ac = new AbortController();
    const progress: UploadProgress[] = [];
    let progressAtAbort = -1;
    const e = await failure(
      runAction(config(p), {
        image: image(4 * 1024 * 1024),
        signal: ac.signal,
        onProgress: (x) => {
          progress.push(x);
          // Cancel as soon as the first chunk is handed to the socket: the body is then
          // half sent whatever the kernel's socket buffers would have absorbed.
          if (x.fraction > 0 && !ac.signal.aborted) {
            progressAtAbort = progress.length;
            ac.abort();
          }
        },
      }),
    );
    // 'aborted', not the 'timeout' the stalled server would otherwise end in.
    expect(e).toMatchObject({ code: 'aborted', step: 'upload', retryable: false });
    // No chunk was read from the image after the abort.
    expect(progress).toHaveLength(progressAtAbort);
    expect(progress.at(-1)!.fraction).toBeLessThan(1);
    expect(p.actions.get('act1')!.images).toHaveLength(0);
    expect(p.hits.submit).toBe(0);
    // Not asserted: the server seeing the socket close. Node 20's fetch (undici 6) leaves a socket
    // whose body write is blocked open after an abort; browsers take the XHR path, whose abort
    // closes the connection. The next test checks the close once the body is out.
  });

  it('cancel while the upload awaits its answer: the connection is closed, no result', async () => {
    const p = await start();
    p.fail('upload', { kind: 'hold' });
    const ac = new AbortController();
    p.onUploadStarted = () => setTimeout(() => ac.abort(), 100);
    const e = await failure(runAction(config(p), { image: image(64 * 1024), signal: ac.signal }));
    expect(e).toMatchObject({ code: 'aborted', step: 'upload' });
    await waitFor(() => p.aborted.includes('upload'));
    expect(p.actions.get('act1')!.images).toHaveLength(0);
    expect(p.hits.submit).toBe(0);
  });

  it('cancel while polling stops the polls', async () => {
    const p = await start({ pollsUntilDone: Infinity });
    const ac = new AbortController();
    const run = runAction(
      config(p, {
        poll: { initialDelayMs: 20, factor: 1, maxDelayMs: 20, jitter: 0, timeoutMs: 60_000 },
      }),
      {
        image: image(),
        signal: ac.signal,
        onState: (s) => {
          if (s === 'reviewing') setTimeout(() => ac.abort(), 60);
        },
      },
    );
    const e = await failure(run);
    expect(e).toMatchObject({ code: 'aborted', step: 'review' });
    // A poll already on the wire when the abort fired may still land; none may start after it.
    await new Promise((r) => setTimeout(r, 30));
    const polls = p.hits.one;
    await new Promise((r) => setTimeout(r, 100));
    expect(p.hits.one).toBe(polls);
  });

  it('bad configuration fails fast with code config', async () => {
    const p = await start();
    expect((await failure(runAction(config(p, { country: 'ru' }), { image: image() }))).code).toBe(
      'config',
    );
    expect(
      (await failure(runAction(config(p, { tokenUrl: undefined }), { image: image() }))).code,
    ).toBe('config');
    expect(
      (await failure(runAction(config(p, { externalActionId: undefined }), { image: image() })))
        .code,
    ).toBe('config');
    expect(p.hits.create).toBe(0);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
