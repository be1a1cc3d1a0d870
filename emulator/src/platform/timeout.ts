/**
 * `p`, or a rejection after `ms`: a promise that never settles (a wedged worker, a lost message)
 * would otherwise hold its caller forever. The timer does not keep the process alive.
 */
export function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
