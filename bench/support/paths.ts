/**
 * Where the benchmarks find the repo and the shared face photos. Node only: the benches that
 * never open a browser import this, not ./browser.js (which loads Vite and playwright).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const facesDir = path.resolve(root, '../shared/faces');

/** ../shared/faces, or undefined once it has printed why `bench` skips (the photos are absent). */
export function facesOrSkip(bench: string): string | undefined {
  if (existsSync(facesDir)) return facesDir;
  console.log(`${bench}: SKIP, ${facesDir} is missing (needs the shared face photos)`);
  return undefined;
}
