import { afterEach, describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ActionController } from './action-controller.js';
import type { ActionClientConfig } from '../api/run-action.js';
import { FakeProvider } from '../../test/support/fake-provider.js';

/** The controller with a bare host: no DOM needed, the lifecycle is two method calls. */
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

function setup(p: FakeProvider) {
  const host = new FakeHost();
  const config = (): ActionClientConfig => ({
    apiBaseUrl: p.baseUrl,
    tokenUrl: p.tokenUrl,
    externalActionId: 'ext-c',
    country: 'RUS',
    retry: { retries: 2, baseMs: 5, factor: 2, maxMs: 20 },
    poll: { initialDelayMs: 5, factor: 1.5, maxDelayMs: 20, jitter: 0.2, timeoutMs: 500 },
  });
  return { host, controller: new ActionController(host, config) };
}

const image = (): Blob => new Blob([new Uint8Array(64 * 1024)], { type: 'image/jpeg' });

describe('ActionController', () => {
  it('registers with its host and resolves a completed run', async () => {
    provider = await new FakeProvider().start();
    const { host, controller } = setup(provider);
    expect(host.controllers).toContain(controller);
    const result = await controller.run(image());
    expect(result).toMatchObject({
      status: 'completed',
      outcome: { answer: 'GREEN', actionId: 'act1' },
    });
    expect(controller.running).toBe(false);
  });

  it('a failure resolves {status: failed} with the stable code, never rejects', async () => {
    provider = await new FakeProvider().start();
    provider.fail('token', { kind: 'status', status: 503 });
    const { controller } = setup(provider);
    const result = await controller.run(image());
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.error.code).toBe('token');
  });

  it('the host leaving the DOM mid-upload cancels: no result, request aborted', async () => {
    provider = await new FakeProvider().start();
    provider.fail('upload', { kind: 'hold' });
    const { host, controller } = setup(provider);
    provider.onUploadStarted = () => setTimeout(() => host.disconnect(), 50);
    const result = await controller.run(image());
    expect(result).toEqual({ status: 'cancelled' });
    expect(controller.running).toBe(false);
    const p = provider;
    await expect.poll(() => p.aborted.includes('upload'), { timeout: 2_000 }).toBe(true);
    expect(p.hits.submit).toBe(0);
  });

  it('cancel() while polling, and a new run cancels the previous one', async () => {
    provider = await new FakeProvider({ pollsUntilDone: Infinity }).start();
    const { controller } = setup(provider);
    const first = controller.run(image(), {
      onState: (phase) => {
        if (phase === 'reviewing') setTimeout(() => controller.cancel(), 20);
      },
    });
    expect(await first).toEqual({ status: 'cancelled' });

    const second = controller.run(image());
    const third = controller.run(image());
    expect(await second).toEqual({ status: 'cancelled' });
    const last = await third;
    expect(last.status).toBe('failed');
    expect(last.status === 'failed' && last.error.code).toBe('timeout');
  });
});
