/**
 * The built widget as the benches load it: `dist/` is built (`npm run build`) when it is missing
 * or older than the sources, and its JavaScript is weighed as a browser downloads it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { root } from './paths.js';

/** Newest modification time of the files under `dir` (recursively), ms. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/** Builds dist/ unless it is there and newer than src/, the build scripts and the configs. */
export function ensureBuilt(): void {
  const marker = path.join(root, 'dist/cdn/face-auth.js');
  const inputs = Math.max(
    newest(path.join(root, 'src')),
    ...['vite.config.ts', 'scripts/build-assets.ts', 'package.json'].map(
      (f) => statSync(path.join(root, f)).mtimeMs,
    ),
  );
  if (existsSync(marker) && statSync(marker).mtimeMs >= inputs) return;
  console.log('dist/ is missing or older than the sources: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface Weight {
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * The JavaScript a browser loads for `entry` (a file in `dir`) before anything is imported on
 * demand: the entry and its static relative imports, transitively. Each file compressed on its
 * own, as a server sends it (gzip -9, brotli 11).
 */
export function staticGraphWeight(dir: string, entry: string): Weight {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(path.join(dir, file), 'utf8');
    // Static imports and re-exports only; `import("./x.js")` is loaded on demand.
    for (const m of code.matchAll(
      /(?:^|[;\n}])\s*(?:import|export)\b[^'"();]*?['"](\.{1,2}\/[^'"]+)['"]/g,
    ))
      visit(path.normalize(path.join(path.dirname(file), m[1]!)));
  };
  visit(entry);
  return weigh(dir, [...seen]);
}

/** The summed sizes of `files` (relative to `dir`). */
export function weigh(dir: string, files: string[]): Weight {
  const w: Weight = { files, raw: 0, gzip: 0, brotli: 0 };
  for (const f of files) {
    const bytes = readFileSync(path.join(dir, f));
    w.raw += bytes.length;
    w.gzip += gzipSync(bytes, { level: 9 }).length;
    w.brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  return w;
}
