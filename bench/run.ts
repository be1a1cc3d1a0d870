/**
 * `npm run bench [-- name...]`: runs bench/<name>.bench.ts (all of them by default) one after
 * another and prints their numbers. Benchmarks measure; they never fail on a number.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const names = wanted.length ? wanted : all;

for (const name of names) {
  if (!all.includes(name)) throw new Error(`no bench/${name}.bench.ts (have: ${all.join(', ')})`);
  const module = (await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href)) as {
    run: () => Promise<void>;
  };
  console.log(`\n== ${name}`);
  const started = performance.now();
  await module.run();
  console.log(`(${name} took ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
