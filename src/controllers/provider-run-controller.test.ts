import { afterEach, describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FakeProvider } from '../../test/support/fake-provider.js';
import type { ActionClientConfig } from '../api/index.js';
import type { CapturedImage, FlowEvent } from '../core/flow.js';
import type { FlowCause } from '../face-auth.events.js';
import { en } from '../translations/index.js';
import { ProviderRunController, type ActionResultHandler } from './provider-run-controller.js';
import { RunController } from './run-controller.js';

/** The controllers with a bare host: no DOM needed, the lifecycle is two method calls. */
class FakeHost implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  addController(c: ReactiveController): void {
    this.controllers.push(c);
  }
  removeController(): void {}
  requestUpdate(): void {}
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

let provider: FakeProvider | undefined;
afterEach(async () => {
  await provider?.stop();
  provider = undefined;
});

function setup(p: FakeProvider, opts: { handler?: ActionResultHandler; prevented?: boolean } = {}) {
  const host = new FakeHost();
  const runs = new RunController(host);
  const moves: { event: FlowEvent; cause: FlowCause | undefined }[] = [];
  const config = (): ActionClientConfig => ({
    apiBaseUrl: p.baseUrl,
    tokenUrl: p.tokenUrl,
    externalActionId: 'ext-c',
    country: 'RUS',
    retry: { retries: 2, baseMs: 5, factor: 2, maxMs: 20 },
    poll: { initialDelayMs: 5, factor: 1.5, maxDelayMs: 20, jitter: 0.2, timeoutMs: 500 },
  });
  const controller = new ProviderRunController(host, {
    config,
    transition: (event, cause) => {
      moves.push({ event, cause });
      return { prevented: opts.prevented ?? false };
    },
    translation: () => en,
    handler: () => opts.handler,
  });
  /** The flow events the run asked for, by type, progress left out. */
  const types = () => moves.map((m) => m.event.type).filter((t) => t !== 'uploadProgress');
  return { host, runs, controller, moves, types };
}

const capture = (): CapturedImage => ({
  image: new Blob([new Uint8Array(64 * 1024)], { type: 'image/jpeg' }),
  width: 1,
  height: 1,
  report: null,
  mode: 'auto',
});

describe('ProviderRunController', () => {
  it('registers with its host and moves the flow through a completed run', async () => {
    provider = await new FakeProvider().start();
    const { host, runs, controller, moves, types } = setup(provider);
    expect(host.controllers).toContain(controller);
    await controller.run(capture(), runs.begin());
    expect(types()).toEqual([
      'processingStarted',
      'processingStarted',
      'processingStarted',
      'actionCompleted',
    ]);
    expect(controller.result).toEqual({ actionId: 'act1', answer: 'GREEN' });
    const awaiting = moves.find(
      (m) => m.event.type === 'processingStarted' && m.event.phase === 'awaitingHandler',
    );
    expect(awaiting?.cause?.actionResult).toMatchObject({
      actionId: 'act1',
      answer: 'GREEN',
      reviewStatus: 'completed',
    });
    expect(moves.at(-1)?.event).toMatchObject({ type: 'actionCompleted', closed: false });
  });

  it('a failure is a `failed` flow event with the stable code, never a rejection', async () => {
    provider = await new FakeProvider().start();
    provider.fail('token', { kind: 'status', status: 503 });
    const { runs, controller, moves } = setup(provider);
    const photo = capture();
    await controller.run(photo, runs.begin());
    expect(moves.map((m) => m.event)).toEqual([
      {
        type: 'failed',
        code: 'token',
        message: en.actionErrors.token,
        detail: undefined,
        retryable: true,
      },
    ]);
    expect(moves[0]?.cause?.error).toMatchObject({ code: 'token' });
    expect(controller.takeFailedCapture(), 'the photo, for "Try again"').toBe(photo);
    expect(controller.takeFailedCapture(), 'only once').toBe(undefined);
  });

  it('the host leaving the DOM mid-upload ends the run: request aborted, no flow event', async () => {
    provider = await new FakeProvider().start();
    provider.fail('upload', { kind: 'hold' });
    const { host, runs, controller, types } = setup(provider);
    provider.onUploadStarted = () => setTimeout(() => host.disconnect(), 50);
    await controller.run(capture(), runs.begin());
    expect(types()).toEqual([]);
    expect(controller.result).toBe(undefined);
    const p = provider;
    await expect.poll(() => p.aborted.includes('upload'), { timeout: 2_000 }).toBe(true);
    expect(p.hits.submit).toBe(0);
  });

  it('ending the run while polling, and a new run, stop the old run without a word', async () => {
    provider = await new FakeProvider({ pollsUntilDone: Infinity }).start();
    const { runs, controller, moves, types } = setup(provider);
    const first = runs.begin();
    const polling = controller.run(capture(), first);
    await expect.poll(() => types().length, { timeout: 2_000 }).toBe(2); // submitting, reviewing
    setTimeout(() => runs.end(), 20);
    await polling;
    expect(types()).toEqual(['processingStarted', 'processingStarted']);

    moves.length = 0;
    const second = controller.run(capture(), runs.begin());
    const third = controller.run(capture(), runs.begin());
    await Promise.all([second, third]);
    const failed = moves.filter((m) => m.event.type === 'failed').map((m) => m.event);
    expect(failed, 'only the newest run reports').toEqual([
      expect.objectContaining({ type: 'failed', code: 'timeout' }),
    ]);
  });

  it("closes without the result screen when a listener prevents it or the handler says 'cancel'", async () => {
    provider = await new FakeProvider().start();
    const prevented = setup(provider, { prevented: true });
    await prevented.controller.run(capture(), prevented.runs.begin());
    expect(prevented.moves.at(-1)?.event).toMatchObject({ type: 'actionCompleted', closed: true });

    const seen: unknown[] = [];
    const handled = setup(provider, { handler: (r) => (seen.push(r), 'cancel') });
    await handled.controller.run(capture(), handled.runs.begin());
    expect(handled.moves.at(-1)?.event).toMatchObject({ type: 'actionCompleted', closed: true });
    expect(seen).toHaveLength(1);
  });
});
