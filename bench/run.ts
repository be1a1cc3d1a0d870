/**
 * `npm run bench [-- name...]`: runs bench/<name>.bench.ts (all of them by default) one after
 * another and prints their numbers, then one table of every row with a target that the benches
 * printed in this run (bench/support/summary.ts). Benchmarks measure; they never fail on a number.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { summarise, summaryTable } from './support/summary.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const names = wanted.length ? wanted : all;
for (const name of names) {
  if (!all.includes(name)) throw new Error(`no bench/${name}.bench.ts (have: ${all.join(', ')})`);
}

// What the benches print, kept for the summary: they print their rows with console.log.
const printed: string[] = [];
const log = console.log.bind(console);
console.log = (...args: unknown[]) => {
  printed.push(...format(...args).split('\n'));
  log(...args);
};

const started = performance.now();
for (const name of names) {
  const module = (await import(pathToFileURL(path.join(here, `${name}.bench.ts`)).href)) as {
    run: () => Promise<void>;
  };
  console.log(`\n== ${name}`);
  const benchStarted = performance.now();
  await module.run();
  console.log(`(${name} took ${((performance.now() - benchStarted) / 1000).toFixed(1)} s)`);
}

const rows = summarise(printed, names);
if (rows.length) {
  console.log(`\n== summary: the rows with a target, from this run (${names.join(', ')})`);
  for (const line of summaryTable(rows)) console.log(line);
}
console.log(`(bench took ${((performance.now() - started) / 60_000).toFixed(1)} min)`);
