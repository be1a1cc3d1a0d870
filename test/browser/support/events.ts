/** Resolves with the first event of that name on `target`, or rejects after `ms`. */
export function nextEvent<E extends Event>(
  target: EventTarget,
  name: string,
  ms = 15_000,
): Promise<E> {
  return new Promise<E>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    target.addEventListener(
      name,
      (e) => {
        clearTimeout(timer);
        resolve(e as E);
      },
      { once: true },
    );
  });
}
