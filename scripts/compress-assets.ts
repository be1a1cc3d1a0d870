/**
 * Writes pre-compressed siblings of the files a browser downloads from dist/: `<file>.br`
 * (brotli, quality 11, the largest window every browser decodes) and `<file>.gz` (gzip -9) next
 * to the wasm, its loader, the model (dist/assets/) and the CDN bundle's chunks (dist/cdn/).
 * A server that sends them for `Accept-Encoding: br` / `gzip` cuts a first visit from 11.7 MB to
 * 2.54 MB without compressing anything per request (recipes: docs/assets.md).
 *
 * The wasm is 89 % of that. Other settings measured on it: `BROTLI_MODE_FONT` 328 bytes smaller
 * (noise), `BROTLI_PARAM_LGBLOCK` 24 16 kB larger; rewriting it with binaryen 108 (`wasm-opt`,
 * even a pass that only removes unused elements) makes it 21 kB larger as brotli. None is applied.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(root, process.argv[2] ?? 'dist');
const COMPRESSIBLE = /\.(wasm|js|tflite)$/;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

async function compress(file: string): Promise<string> {
  const bytes = await readFile(file);
  // Both run on libuv's thread pool, so the files compress in parallel.
  const [br, gzipped] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)]);
  const kB = (n: number): string => `${(n / 1000).toFixed(0)} kB`;
  return `${path.relative(dist, file)} ${kB(bytes.length)} → br ${kB(br.length)}, gz ${kB(gzipped.length)}`;
}

async function main(): Promise<void> {
  const files: string[] = [];
  for (const dir of ['assets', 'cdn']) {
    for (const name of await readdir(path.join(dist, dir))) {
      if (COMPRESSIBLE.test(name)) files.push(path.join(dist, dir, name));
    }
  }
  for (const line of await Promise.all(files.map(compress))) console.log(`compressed ${line}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
