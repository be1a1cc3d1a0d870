/**
 * Both packages are ready to publish (after `npm run build`, which npm test runs first):
 * `npm publish --dry-run` packs what we mean to ship, publint finds nothing in strict mode, and
 * @arethetypeswrong/cli finds no types problem: face-auth-server under every resolution (node10,
 * node16 from CommonJS and ESM, bundler), face-auth-widget under its "esm-only" profile (a
 * browser package of ES modules: a CommonJS backend uses face-auth-server).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const run = promisify(execFile);

/** A command's exit status and its output, stdout and stderr together. */
async function outcome(file: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, encoding: 'utf8' });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

interface DryRun {
  name: string;
  files: { path: string; size: number }[];
  unpackedSize: number;
}

async function dryRun(cwd: string): Promise<DryRun> {
  const { code, out } = await outcome('npm', ['publish', '--dry-run', '--json'], cwd);
  expect(code, out).toBe(0);
  // npm prints notices on stderr too: the JSON is the object from the first "{" on stdout's line.
  const json = JSON.parse(out.slice(out.indexOf('{'), out.lastIndexOf('}') + 1)) as
    DryRun | Record<string, DryRun>;
  return 'files' in json ? (json as DryRun) : Object.values(json)[0]!;
}

const packages = {
  widget: { dir: root, attw: ['--profile', 'esm-only'] },
  server: { dir: path.join(root, 'packages/server'), attw: [] as string[] },
};

describe('publishing', () => {
  beforeAll(() => {
    for (const file of ['dist/index.js', 'packages/server/dist/index.cjs'])
      if (!existsSync(path.join(root, file)))
        throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
  });

  it('face-auth-widget packs dist/, LICENSE, NOTICE, CHANGELOG and README, and no source or test', async () => {
    const { files } = await dryRun(root);
    const paths = files.map((f) => f.path);
    for (const f of ['LICENSE', 'NOTICE', 'CHANGELOG.md', 'README.md', 'package.json'])
      expect(paths, f).toContain(f);
    expect(paths).toContain('dist/custom-elements.json');
    expect(paths).toContain('dist/vscode.html-custom-data.json');
    expect(paths).toContain('dist/react.js');
    // Outside dist/: those files alone.
    expect(paths.filter((p) => !p.startsWith('dist/')).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'NOTICE',
      'README.md',
      'package.json',
    ]);
    expect(
      paths.filter((p) => /^(src|test|emulator|packages)\//.test(p) || /\.test\./.test(p)),
    ).toEqual([]);
  }, 120_000);

  it('face-auth-server packs its bundles and types only: no widget asset, no wasm', async () => {
    const { files, unpackedSize } = await dryRun(packages.server.dir);
    const paths = files.map((f) => f.path);
    for (const f of [
      'LICENSE',
      'package.json',
      'dist/index.js',
      'dist/index.cjs',
      'dist/index.d.ts',
      'dist/index.d.cts',
    ])
      expect(paths, f).toContain(f);
    expect(paths.filter((p) => /assets\/|\.wasm$|\.tflite$|cdn\//.test(p))).toEqual([]);
    // The bundles, their maps and the declarations: well under a megabyte.
    expect(unpackedSize).toBeLessThan(1_000_000);
  }, 120_000);

  it('both declare repository, homepage, bugs and the Apache-2.0 licence', () => {
    for (const { dir } of Object.values(packages)) {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      expect(pkg.license, dir).toBe('Apache-2.0');
      for (const field of ['repository', 'homepage', 'bugs'])
        expect(pkg[field], `${dir}: ${field}`).toBeTruthy();
    }
  });

  for (const [name, { dir }] of Object.entries(packages)) {
    it(`publint --strict finds nothing in ${name}`, async () => {
      const { code, out } = await outcome(bin('publint'), ['--strict'], dir);
      expect(code, out).toBe(0);
      expect(out).toContain('All good!');
    }, 120_000);
  }

  for (const [name, { dir, attw }] of Object.entries(packages)) {
    it(`@arethetypeswrong/cli finds no problem in ${name}`, async () => {
      const { code, out } = await outcome(
        bin('attw'),
        ['--pack', '.', '--format', 'ascii', ...attw],
        dir,
      );
      expect(code, out).toBe(0);
    }, 180_000);
  }
});
