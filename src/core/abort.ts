/**
 * `work`'s result, unless `signal` aborts first: then a rejection with the signal's reason, and
 * whatever `work` settles with later goes nowhere. For shared work a run only waits on (the
 * detector's load serves the next run too), which the run must not cut short itself.
 */
export function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
