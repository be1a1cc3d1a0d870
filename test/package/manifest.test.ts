/**
 * The editor-facing files in dist/ (scripts/package-manifest.ts, run by `npm run build`): the
 * custom-elements manifest names shipped modules only and says what the JSDoc alone did not
 * (event classes and detail, CSS property defaults, the `status` attribute), and the VS Code
 * custom data follows it.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as unknown;

interface Named {
  name: string;
  default?: string;
  description?: string;
  type?: { text: string };
}
interface Module {
  path: string;
  declarations: (Named & {
    tagName?: string;
    attributes?: Named[];
    events?: Named[];
    cssProperties?: Named[];
  })[];
  exports: { kind: string; name: string; declaration: { name: string; module: string } }[];
}

describe('custom-elements.json and the VS Code custom data', () => {
  let modules: Module[] = [];
  beforeAll(() => {
    if (!existsSync(path.join(root, 'dist/custom-elements.json')))
      throw new Error('dist/ is not built: run `npm run build` (npm test does it first)');
    modules = (read('dist/custom-elements.json') as { modules: Module[] }).modules;
  });
  const element = () =>
    modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'face-auth')!;

  it('names only modules that ship, and every reference points at one of them', () => {
    const text = readFileSync(path.join(root, 'dist/custom-elements.json'), 'utf8');
    expect(text).not.toMatch(/"src\/|\.ts"/);
    const modulePaths = [...text.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]!);
    for (const p of new Set(modulePaths)) expect(existsSync(path.join(root, p)), p).toBe(true);
    const pkg = read('package.json') as { exports: Record<string, unknown> };
    const shipped = JSON.stringify(pkg.exports);
    for (const m of modules) expect(shipped, m.path).toContain(`./${m.path}`);
    const definition = modules
      .flatMap((m) => m.exports)
      .find((e) => e.kind === 'custom-element-definition');
    expect(definition).toMatchObject({
      name: 'face-auth',
      declaration: { module: 'dist/index.js' },
    });
  });

  it('gives each event its class and its detail', () => {
    const events = element().events!;
    expect(events.map((e) => e.name).sort()).toEqual([
      'face-auth-action-result',
      'face-auth-cancel',
      'face-auth-capture',
      'face-auth-error',
      'face-auth-liveness-recorded',
      'face-auth-ready',
      'face-auth-status',
    ]);
    const result = events.find((e) => e.name === 'face-auth-action-result')!;
    expect(result.type?.text).toBe('FaceAuthActionResultEvent');
    expect(result.description).toContain('FaceAuthActionResultDetail');
    expect(result.description).toContain('answer: ReviewAnswer | null');
    for (const e of events) expect(e.type?.text, e.name).toMatch(/^FaceAuth\w+Event$/);
  });

  it("gives the CSS properties the :host rule's defaults, and lists the status attribute", () => {
    const css = new Map(element().cssProperties!.map((p) => [p.name, p.default]));
    expect(css.get('--face-auth-accent')).toBe('#1a73e8');
    expect(css.get('--face-auth-max-width')).toBe('720px');
    // Set by the widget itself: no default to give.
    expect(css.get('--face-auth-liveness-colour')).toBeUndefined();
    const status = element().attributes!.find((a) => a.name === 'status');
    expect(status?.type?.text).toBe('FlowStatus');
  });

  it('writes VS Code custom data with every attribute, its values, and the CSS properties', () => {
    const html = read('dist/vscode.html-custom-data.json') as {
      tags: {
        name: string;
        description: string;
        attributes: { name: string; values?: { name: string }[] }[];
      }[];
    };
    const tag = html.tags.find((t) => t.name === 'face-auth')!;
    expect(tag.description).toContain('selfie');
    expect(tag.attributes.map((a) => a.name)).toEqual(element().attributes!.map((a) => a.name));
    expect(tag.attributes.find((a) => a.name === 'capture-mode')?.values).toEqual([
      { name: 'auto' },
      { name: 'manual' },
    ]);
    expect(tag.attributes.find((a) => a.name === 'liveness')?.values?.map((v) => v.name)).toEqual([
      'off',
      'full',
      'turns',
    ]);
    const css = read('dist/vscode.css-custom-data.json') as {
      properties: { name: string; description: string }[];
    };
    expect(css.properties.find((p) => p.name === '--face-auth-accent')?.description).toContain(
      '#1a73e8',
    );
  });
});
