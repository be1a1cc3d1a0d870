import { describe, expect, it } from 'vitest';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RunController } from './run-controller.js';

function host(): ReactiveControllerHost & { controllers: ReactiveController[] } {
  const controllers: ReactiveController[] = [];
  return {
    controllers,
    addController: (c) => void controllers.push(c),
    removeController: () => undefined,
    requestUpdate: () => undefined,
    updateComplete: Promise.resolve(true),
  };
}

describe('RunController', () => {
  it('registers with its host; a new run aborts the previous one only', () => {
    const h = host();
    const runs = new RunController(h);
    expect(h.controllers).toContain(runs);
    const first = runs.begin();
    const second = runs.begin();
    expect(first.aborted).toBe(true);
    expect((first.reason as DOMException).name).toBe('AbortError');
    expect(second.aborted).toBe(false);
    expect(runs.signal).toBe(second);
  });

  it('end() and the host leaving the DOM abort the current run', () => {
    const h = host();
    const runs = new RunController(h);
    const ended = runs.begin();
    runs.end();
    expect(ended.aborted).toBe(true);
    const removed = runs.begin();
    for (const c of h.controllers) c.hostDisconnected?.();
    expect(removed.aborted).toBe(true);
  });
});
