/**
 * Builds face-auth-server from the one source of the helper, ../../src/server (which
 * `face-auth-widget/server` also ships), for both kinds of Node consumer:
 * - dist/index.js (ESM) and dist/index.cjs (CommonJS), each one bundle of the helper with no
 *   runtime dependency (it needs only node:crypto and fetch);
 * - dist/types/ (the declarations of src/server and of the contract types it re-exports) twice:
 *   `.d.ts` for `import`, and `.d.cts` copies whose relative imports name `.cjs` files, so that
 *   TypeScript reads them as CommonJS declarations under `require` (node16/nodenext).
 * The types name json-schema-to-ts (the contract derives its types from its schemas): the one
 * dependency, and a types-only one.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const entry = path.join(here, '../../src/server/index.ts');

rmSync(dist, { recursive: true, force: true });
for (const [format, file] of [
  ['esm', 'index.js'],
  ['cjs', 'index.cjs'],
]) {
  await build({
    entryPoints: [entry],
    outfile: path.join(dist, file),
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    format,
    sourcemap: true,
    logLevel: 'warning',
  });
}

const tsc = path.join(here, '../../node_modules/typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(here, 'tsconfig.build.json')], {
  stdio: 'inherit',
});

// The entry declarations, and their CommonJS twins.
writeFileSync(path.join(dist, 'index.d.ts'), "export * from './types/server/index.js';\n");
writeFileSync(path.join(dist, 'index.d.cts'), "export * from './types/server/index.cjs';\n");
const types = path.join(dist, 'types');
for (const rel of readdirSync(types, { recursive: true }).map(String)) {
  if (!rel.endsWith('.d.ts')) continue;
  const text = readFileSync(path.join(types, rel), 'utf8');
  writeFileSync(
    path.join(types, rel.replace(/\.d\.ts$/, '.d.cts')),
    // `from './x.js'` and `import('./x.js')`, the two ways a declaration names another file.
    text.replace(/((?:from\s+|import\()['"]\.{1,2}\/[^'"]+)\.js(['"])/g, '$1.cjs$2'),
  );
}

// The package's licence is the repository's.
cpSync(path.join(here, '../../LICENSE'), path.join(here, 'LICENSE'));
