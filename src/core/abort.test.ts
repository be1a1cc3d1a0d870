import { describe, expect, it } from 'vitest';
import { abortable } from './abort.js';

describe('abortable', () => {
  it('settles like the work while the signal stays quiet', async () => {
    const signal = new AbortController().signal;
    await expect(abortable(Promise.resolve('ready'), signal)).resolves.toBe('ready');
    await expect(abortable(Promise.reject(new Error('boom')), signal)).rejects.toThrow('boom');
  });

  it("rejects with the signal's reason once it aborts, dropping the late result", async () => {
    const run = new AbortController();
    let finish!: (value: string) => void;
    const waiting = abortable(new Promise<string>((resolve) => (finish = resolve)), run.signal);
    const reason = new Error('cancelled');
    run.abort(reason);
    finish('too late');
    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects at once for a signal that has already aborted', async () => {
    const run = new AbortController();
    run.abort('gone');
    await expect(abortable(new Promise(() => undefined), run.signal)).rejects.toBe('gone');
  });
});
