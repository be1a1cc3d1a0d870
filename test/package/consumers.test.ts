/**
 * The packages as their consumers get them: `npm pack` of face-auth-widget and face-auth-server,
 * unpacked into a scratch project's node_modules (their dependencies linked from this
 * repository's, so nothing is downloaded), and the apps of test/package/consumers/ compiled there
 * with `tsc`:
 * - a React 19 app (the `face-auth-widget/react` wrapper, and the bare tag through
 *   `face-auth-widget/jsx`) and a plain browser app, with `types: []` and library checking on, so
 *   a declaration that needs @types/node (Buffer) fails;
 * - the Vue and Angular recipes of docs/integration.md, against Vue's and @angular/core's types;
 * - a Node backend in ESM and one in CommonJS against face-auth-server, which are also run;
 * - the browser and backend apps again with the oldest TypeScript the packages support (5.7, the
 *   first with `Uint8Array<ArrayBuffer>`), as README.md states.
 * - lit-analyzer (strict) on the markup of README.md's examples (test/package/consumers/
 *   readme-examples.ts, which must hold each `<face-auth …>` tag of README.md's HTML), and on a
 *   file of mistakes it must report.
 * Each app also holds `@ts-expect-error` lines, so types that accept anything fail the check.
 */
import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'test/package/consumers');
const TSC = path.join(root, 'node_modules/typescript/bin/tsc');
/** The oldest supported TypeScript, installed as the `typescript-min` devDependency alias. */
const TSC_MIN = path.join(root, 'node_modules/typescript-min/bin/tsc');

let project = '';

/** `npm pack` of the package in `dir`, unpacked as node_modules/<name> of the scratch project. */
function packInto(dir: string, name: string): void {
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', project], {
    cwd: dir,
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  const target = path.join(project, 'node_modules', name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(project, filename), '-C', target, '--strip-components=1']);
}

const base = {
  target: 'ES2022',
  strict: true,
  noEmit: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
};
const tsconfigs: Record<string, object> = {
  browser: {
    compilerOptions: {
      ...base,
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      types: [],
      skipLibCheck: false,
    },
    files: ['src/react-app.tsx', 'src/vanilla.ts'],
  },
  frameworks: {
    compilerOptions: {
      ...base,
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      experimentalDecorators: true,
      types: [],
      skipLibCheck: true,
    },
    files: ['src/vue-app.ts', 'src/angular-app.ts'],
  },
  // lit-analyzer reads tsconfig.json.
  '': {
    compilerOptions: {
      ...base,
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      jsx: 'react-jsx',
      skipLibCheck: true,
    },
    // With the React app too: its JSX types entry once hid every attribute from lit-analyzer.
    files: ['src/readme-examples.ts', 'src/lit-analyzer-catches.ts', 'src/react-app.tsx'],
  },
  server: {
    compilerOptions: {
      ...base,
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      // A CommonJS file is written with import/export and compiled to require().
      verbatimModuleSyntax: false,
      skipLibCheck: false,
    },
    files: ['src/server-esm.mts', 'src/server-cjs.cts'],
  },
};

/**
 * tsc's output when the project does not compile (empty when it does). Run without blocking, so
 * the test worker keeps answering vitest while a slow check runs.
 */
async function typecheck(tsc: string, name: string): Promise<string> {
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], {
      cwd: project,
      encoding: 'utf8',
    });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || err.message;
  }
}

describe('consumers of the packed packages', () => {
  beforeAll(() => {
    if (
      !existsSync(path.join(root, 'dist/index.js')) ||
      !existsSync(path.join(root, 'packages/server/dist/index.js'))
    )
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    project = mkdtempSync(path.join(os.tmpdir(), 'face-auth-consumers-'));
    mkdirSync(path.join(project, 'node_modules'));
    packInto(root, 'face-auth-widget');
    packInto(path.join(root, 'packages/server'), 'face-auth-server');
    // Their dependencies (and React's, Vue's, Angular's types): this repository's, linked.
    for (const entry of readdirSync(path.join(root, 'node_modules'))) {
      if (entry.startsWith('.') || entry === 'face-auth-widget' || entry === 'face-auth-server')
        continue;
      symlinkSync(
        path.join(root, 'node_modules', entry),
        path.join(project, 'node_modules', entry),
      );
    }
    cpSync(fixtures, path.join(project, 'src'), { recursive: true });
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true }),
    );
    for (const [name, config] of Object.entries(tsconfigs))
      writeFileSync(
        path.join(project, name ? `tsconfig.${name}.json` : 'tsconfig.json'),
        JSON.stringify(config, null, 2),
      );
  }, 180_000);
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('type-checks a React 19 app and a browser app without @types/node', async () => {
    expect(await typecheck(TSC, 'browser')).toBe('');
  }, 120_000);

  it('type-checks the Vue and Angular recipes', async () => {
    expect(await typecheck(TSC, 'frameworks')).toBe('');
  }, 120_000);

  it('type-checks a Node backend in ESM and in CommonJS against face-auth-server', async () => {
    expect(await typecheck(TSC, 'server')).toBe('');
  }, 120_000);

  it('loads face-auth-server with import and with require', () => {
    const names = (code: string, type: 'module' | 'commonjs') =>
      execFileSync(process.execPath, [`--input-type=${type}`, '-e', code], {
        cwd: project,
        encoding: 'utf8',
      }).trim();
    const esm = names(
      "import * as s from 'face-auth-server'; console.log(typeof s.ProviderClient, typeof s.verifyWebhook)",
      'module',
    );
    const cjs = names(
      "const s = require('face-auth-server'); console.log(typeof s.ProviderClient, typeof s.verifyWebhook)",
      'commonjs',
    );
    expect(esm).toBe('function function');
    expect(cjs).toBe('function function');
  }, 60_000);

  it("lit-analyzer (strict) finds nothing in the README's markup, and reports the mistakes", async () => {
    // It exits non-zero for the mistakes: its report is read either way.
    const out = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/lit-analyzer'),
      [
        // Files first: its argument parser takes the word after a flag as the flag's value.
        'src/readme-examples.ts',
        'src/lit-analyzer-catches.ts',
        'src/react-app.tsx',
        '--strict',
        '--format',
        'list',
        '--noColor',
      ],
      { cwd: project, encoding: 'utf8' },
    ).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    expect(out).toContain('Analyzing 3 files');
    expect(out).not.toContain('readme-examples.ts');
    expect(out).not.toContain('react-app.tsx');
    expect(out).toContain("Unknown attribute 'token-uri'");
    expect(out).toContain('\'"sometimes"\' is not assignable to \'"auto" | "manual"\'');
    expect(out).toContain('Unknown tag <face-autth>');
    expect(out).toMatch(/3 problems in 1 file/);
  }, 180_000);

  it("has every <face-auth> tag of README.md's HTML examples in readme-examples.ts", () => {
    const attributesOf = (tag: string) =>
      [...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map((m) => `${m[1]}=${m[2] ?? ''}`);
    const examples = readFileSync(path.join(fixtures, 'readme-examples.ts'), 'utf8');
    const exampleTags = [...examples.matchAll(/<face-auth\b[^>]*>/g)].map((m) =>
      attributesOf(m[0]),
    );
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const htmlBlocks = [...readme.matchAll(/```html\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const readmeTags = htmlBlocks.flatMap((b) =>
      [...b.matchAll(/<face-auth\b[^>]*>/g)].map((m) => m[0]),
    );
    expect(readmeTags.length).toBeGreaterThan(0);
    for (const tag of readmeTags) {
      const wanted = attributesOf(tag);
      expect(
        exampleTags.some((t) => wanted.every((a) => t.includes(a))),
        `README.md's ${tag} is not in test/package/consumers/readme-examples.ts`,
      ).toBe(true);
    }
  });

  it('compiles the browser and backend apps with TypeScript 5.7, the oldest supported', async () => {
    expect(await typecheck(TSC_MIN, 'browser')).toBe('');
    expect(await typecheck(TSC_MIN, 'server')).toBe('');
  }, 180_000);
});
