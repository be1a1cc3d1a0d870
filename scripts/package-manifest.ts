/**
 * The editor-facing files of the package, made after `npm run build:manifest`:
 * - dist/custom-elements.json, rewritten for consumers: the analyzer describes src/*.ts, which is
 *   not shipped, so the element and its event classes are declared in `dist/index.js` (what
 *   `face-auth-widget` exports) and registered by `dist/define.js`; each event gets its class as
 *   its type and its `detail` spelled out; each CSS custom property its default from the `:host`
 *   rule of the styles; and the `status` attribute the element reflects is listed.
 * - dist/vscode.html-custom-data.json and dist/vscode.css-custom-data.json, VS Code's
 *   `html.customData` / `css.customData` formats, from that manifest.
 * The element's description comes from the same analysis as docs/api.md (scripts/api-docs.ts).
 * - `@attr` lines in the class comment of dist/types/face-auth.component.d.ts: Lit's `@property`
 *   decorators, which name the attributes, do not survive into declarations, so editor tooling
 *   that reads the shipped types (lit-analyzer, web-component-analyzer) would know the
 *   properties but flag every attribute as unknown.
 * It also fails when `FaceAuthAttributes` (the JSX and Vue typings) and the element's attributes
 * disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeManifest, readSources, type EventSource } from './api-docs.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const INDEX = 'dist/index.js';
const DEFINE = 'dist/define.js';
const TAG = 'face-auth';

// The analyzer's objects are read loosely here: the parts rewritten are named, the rest is kept.
type Json = Record<string, unknown>;
interface Attribute extends Json {
  name: string;
  fieldName?: string;
  type?: { text: string };
  description?: string;
}
interface ElementDecl extends Json {
  name: string;
  tagName: string;
  description?: string;
  attributes: Attribute[];
  members: (Json & { name: string; kind: string })[];
  events: (Json & { name: string; description?: string })[];
  cssProperties: (Json & { name: string; default?: string; description?: string })[];
  cssParts?: (Json & { name: string; description?: string })[];
}

const detailText = (e: EventSource): string =>
  `{ ${e.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}`).join('; ')} }`;

/** Module references into src/ name the module consumers import instead (or go). */
function retarget(value: unknown, exported: Set<string>): unknown {
  if (Array.isArray(value))
    return value.map((v) => retarget(v, exported)).filter((v) => v !== undefined && v !== null);
  if (!value || typeof value !== 'object') return value;
  const o = value as Json;
  if (typeof o.module === 'string' && /(^|\/)src\//.test(o.module)) {
    if (typeof o.name === 'string' && exported.has(o.name)) return { ...o, module: INDEX };
    return null; // an internal type: no shipped module declares it
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, retarget(v, exported)]));
}

/** `FaceAuthAttributes`' keys, as src/face-auth.attributes.ts spells them. */
function attributesInterfaceKeys(): string[] {
  const src = readFileSync(path.join(root, 'src/face-auth.attributes.ts'), 'utf8');
  const body = /interface FaceAuthAttributes \{([\s\S]*?)\n\}/.exec(src)?.[1] ?? '';
  return [...body.matchAll(/^ {2}'?([\w-]+)'?\?:/gm)].map((m) => m[1]!);
}

const raw = await analyzeManifest();
const sources = readSources(raw);
const componentModule = raw.modules.find((m) =>
  m.declarations?.some((d) => d.customElement && d.tagName === TAG),
);
const element = componentModule?.declarations?.find((d) => d.tagName === TAG) as
  ElementDecl | undefined;
if (!element) throw new Error(`package-manifest: no <${TAG}> in the analyzer's manifest`);

// Everything src/index.ts exports by name, and the event classes it re-exports.
const exported = new Set<string>(['FaceAuthElement']);
for (const m of raw.modules.filter((m) => m.path === 'src/index.ts')) {
  for (const e of (m as { exports?: { name: string }[] }).exports ?? []) exported.add(e.name);
}
for (const e of sources.events.values()) exported.add(e.className);

// Events: the class as the type, the detail in words.
const events = element.events.map((ev) => {
  const source = sources.events.get(ev.name);
  if (!source) throw new Error(`package-manifest: no event class fires ${ev.name}`);
  return {
    ...ev,
    type: { text: source.className },
    description:
      `${ev.description ?? ''} \`detail\` (${source.detailType}): \`${detailText(source)}\``.trim(),
  };
});

// CSS custom properties: the default the :host rule gives, unless the JSDoc gave one.
const cssProperties = element.cssProperties.map((p) => {
  const value = p.default ?? sources.cssDefaults.get(p.name);
  return value === undefined ? p : { ...p, default: value };
});

// `status`: a read-only property the element reflects to an attribute for CSS (`[status=…]`).
const statusAttribute: Attribute = {
  name: 'status',
  fieldName: 'status',
  type: { text: 'FlowStatus' },
  description:
    'Set by the element, never read: reflects `status` for styling (`face-auth[status="captured"]`).',
};
const attributes = element.attributes.some((a) => a.name === 'status')
  ? element.attributes
  : [...element.attributes, statusAttribute];
const members = element.members.map((m) =>
  m.name === 'status' && m.kind === 'field' ? { ...m, attribute: 'status', reflects: true } : m,
);

const missing = element.attributes
  .map((a) => a.name)
  .filter((a) => !attributesInterfaceKeys().includes(a));
const extra = attributesInterfaceKeys().filter(
  (k) => !element.attributes.some((a) => a.name === k),
);
if (missing.length || extra.length)
  throw new Error(
    `package-manifest: FaceAuthAttributes (src/face-auth.attributes.ts) and the element's attributes differ: missing ${missing.join(', ') || 'none'}, extra ${extra.join(', ') || 'none'}`,
  );

const eventClasses = raw.modules
  .filter((m) => m.path.startsWith('src/events/'))
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.kind === 'class');

const declaration = { ...element, attributes, members, events, cssProperties };
const manifest = retarget(
  {
    schemaVersion: (raw as unknown as Json).schemaVersion ?? '1.0.0',
    readme: '',
    modules: [
      {
        kind: 'javascript-module',
        path: INDEX,
        declarations: [declaration, ...eventClasses],
        exports: [declaration, ...eventClasses].map((d) => ({
          kind: 'js',
          name: d.name,
          declaration: { name: d.name, module: INDEX },
        })),
      },
      {
        kind: 'javascript-module',
        path: DEFINE,
        declarations: [],
        exports: [
          {
            kind: 'custom-element-definition',
            name: TAG,
            declaration: { name: element.name, module: INDEX },
          },
        ],
      },
    ],
  },
  exported,
);
writeFileSync(path.join(dist, 'custom-elements.json'), JSON.stringify(manifest, null, 2) + '\n');

// The attributes in the declaration's class comment, for tools that read the types.
const declarationFile = path.join(dist, 'types/face-auth.component.d.ts');
const declarationText = readFileSync(declarationFile, 'utf8');
const classStart = declarationText.indexOf('export declare class FaceAuthElement');
const commentEnd = declarationText.lastIndexOf('*/', classStart);
if (classStart < 0 || commentEnd < 0)
  throw new Error('package-manifest: no commented FaceAuthElement in the declarations');
/** An attribute's type as a JSDoc reader can take it: unions spelled out, JSON as a string. */
const attrType = (text: string | undefined): string => {
  const t = (text ?? 'string').replace(/\s*\|\s*undefined$/, '');
  const union = sources.unions.get(t);
  if (union) return union.join(' | ');
  return t.includes('<') ? 'string' : t;
};
if (!declarationText.slice(0, classStart).includes(' * @attr ')) {
  const at = declarationText.lastIndexOf('\n', commentEnd) + 1; // the line of the closing `*/`
  const attrLines = element.attributes.map(
    (a) =>
      // A brace in the text would end the JSDoc type early for web-component-analyzer.
      ` * @attr {${attrType(a.type?.text)}} ${a.name} - ${(a.description ?? '')
        .replace(/[{}]\s?/g, '')
        .replace(/\s+/g, ' ')
        .trim()}\n`,
  );
  writeFileSync(
    declarationFile,
    declarationText.slice(0, at) + ' *\n' + attrLines.join('') + declarationText.slice(at),
  );
}

// VS Code custom data: attributes with their values where the type is a union of literals.
const literals = (type: string | undefined): { name: string }[] | undefined => {
  const parts = (type ?? '')
    .replace(/\s*\|\s*undefined$/, '')
    .split('|')
    .map((s) => s.trim());
  return parts.length > 1 && parts.every((s) => /^'[^']*'$/.test(s))
    ? parts.map((s) => ({ name: s.slice(1, -1) }))
    : undefined;
};
const unionOf = (name: string | undefined) =>
  name ? sources.unions.get(name)?.map((v) => ({ name: v.replace(/^'|'$/g, '') })) : undefined;
const reference = {
  name: 'face-auth-widget API reference',
  url: 'https://github.com/face-auth/face-auth-widget/blob/main/docs/api.md',
};
const htmlData = {
  version: 1.1,
  tags: [
    {
      name: TAG,
      description: String(element.summary ?? element.description ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
      attributes: attributes.map((a) => {
        const values = literals(a.type?.text) ?? unionOf(a.type?.text);
        return {
          name: a.name,
          description: (a.description ?? '').replace(/\s+/g, ' ').trim(),
          ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
          ...(values ? { values } : {}),
        };
      }),
      references: [reference],
    },
  ],
};
writeFileSync(
  path.join(dist, 'vscode.html-custom-data.json'),
  JSON.stringify(htmlData, null, 2) + '\n',
);
const cssData = {
  version: 1.1,
  properties: cssProperties.map((p) => ({
    name: p.name,
    description: `${p.description ?? ''}${p.default ? ` Default: \`${p.default}\`.` : ''}`.trim(),
    references: [reference],
  })),
};
writeFileSync(
  path.join(dist, 'vscode.css-custom-data.json'),
  JSON.stringify(cssData, null, 2) + '\n',
);
console.log('package-manifest: dist/custom-elements.json, dist/vscode.*-custom-data.json');
