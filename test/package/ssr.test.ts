/**
 * Importing the built package where there is no DOM (server-side rendering, edge functions) must
 * not throw, whichever conditions the runtime resolves with: `node`, and `node` with `browser`
 * (what edge-style builds and `node --conditions=browser` resolve, where lit's own browser build
 * would reference HTMLElement and document at load). `require()` works too (Node's require of an
 * ES module, 20.19+). Each case runs in a fresh Node process, the package resolved by its name.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `code` (an ES module) in a Node without a DOM and returns what it printed. */
function node(conditions: string[], code: string, type: 'module' | 'commonjs' = 'module'): string {
  return execFileSync(
    process.execPath,
    [...conditions.map((c) => `--conditions=${c}`), `--input-type=${type}`, '-e', code],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  ).trim();
}

const CONDITIONS: [string, string[]][] = [
  ['node', []],
  ['node + browser', ['browser']],
  ['node + edge-light + browser + worker', ['edge-light', 'browser', 'worker']],
];

describe('SSR-safe imports of the built package', () => {
  let exportsInBrowser: string[];

  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/ssr/index.js')))
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    // The names the browser build exports, read from its source (it cannot load without a DOM).
    const index = readFileSync(path.join(root, 'dist/index.js'), 'utf8');
    exportsInBrowser = [...index.matchAll(/export\s*\{([^}]*)\}/g)]
      .flatMap(([, list]) => list!.split(','))
      .map((item) =>
        item
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      )
      .filter(Boolean)
      .sort();
  });

  it.each(CONDITIONS)('imports face-auth-widget and /define under %s', (_, conditions) => {
    const out = node(
      conditions,
      `const m = await import('face-auth-widget');
       const d = await import('face-auth-widget/define');
       console.log(JSON.stringify({ names: Object.keys(m).sort(), element: typeof m.FaceAuthElement,
         same: d.FaceAuthElement === m.FaceAuthElement, dom: typeof document }));`,
    );
    const result = JSON.parse(out) as {
      names: string[];
      element: string;
      same: boolean;
      dom: string;
    };
    expect(result.dom).toBe('undefined'); // really no DOM
    expect(result.element).toBe('function');
    expect(result.same).toBe(true);
    // The same API as in the browser, not a subset.
    expect(result.names).toEqual(exportsInBrowser);
  });

  it('require() gets the same module (Node 20.19+ loads ES modules synchronously)', () => {
    const out = node(
      ['browser'],
      `const m = require('face-auth-widget'); require('face-auth-widget/define');
       console.log(typeof m.FaceAuthElement, typeof m.flowReducer);`,
      'commonjs',
    );
    expect(out).toBe('function function');
  });

  it('exports the detector files, for a build script that copies them (esbuild and others)', () => {
    const out = node(
      [],
      `import { createRequire } from 'node:module';
       const require = createRequire(process.cwd() + '/');
       console.log(require.resolve('face-auth-widget/assets/vision_wasm_internal.wasm'));`,
    );
    expect(out).toBe(path.join(root, 'dist/assets/vision_wasm_internal.wasm'));
  });

  it('keeps the server build free of literal asset URLs, so a server bundle copies no wasm', () => {
    const dir = path.join(root, 'dist/ssr');
    for (const chunk of readdirSync(dir).filter((f) => f.endsWith('.js')))
      expect(readFileSync(path.join(dir, chunk), 'utf8'), chunk).not.toMatch(/new URL\(["']/);
  });
});
