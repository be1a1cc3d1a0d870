/** Reproducible randomness for test challenges: the same seed, the same bytes. */
import { createHash } from 'node:crypto';

/** A fixed challenge (a test must be reproducible): its turns are two of left/right/up. */
export function seeded(seed: string) {
  let counter = 0;
  return (length: number) => {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i += 32) {
      out.set(
        createHash('sha256')
          .update(`${seed}:${counter++}`)
          .digest()
          .subarray(0, Math.min(32, length - i)),
        i,
      );
    }
    return out;
  };
}
