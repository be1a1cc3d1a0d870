/**
 * docs/api.md, the reference of `<face-auth>`, generated so that it says what the code says.
 * `npm run docs` writes it; `npm run docs -- --check` (and scripts/api-docs.test.ts, part of the
 * unit tests) fails when the committed page is stale.
 *
 * Where each part comes from:
 * - attributes, properties, methods, events, CSS custom properties and parts: the Custom Elements
 *   Manifest, made from the JSDoc of src/face-auth.component.ts with the analyzer options of
 *   `npm run build:manifest` (read from package.json), in memory;
 * - each event's class, flags and `detail` fields: the event classes of src/events/, read with the
 *   TypeScript checker (nested interfaces one level deep);
 * - CSS custom property defaults: the manifest when the JSDoc gives one (`[--x=default]`), else the
 *   `:host` declarations of src/face-auth.styles.ts;
 * - the quality thresholds: `QualityThresholds` and `DEFAULT_THRESHOLDS` of src/core/thresholds.ts;
 * - the string unions the tables name (`FlowStatus`, `FaceAuthErrorCode`, …), as src/index.ts
 *   exports them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_DOCS_PATH = path.join(root, 'docs/api.md');

// ---- the manifest (the subset of the schema read here) ----

interface TypeRef {
  text: string;
}
interface Parameter {
  name: string;
  type?: TypeRef;
  optional?: boolean;
  default?: string;
}
interface Member {
  kind: 'field' | 'method';
  name: string;
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
  readonly?: boolean;
  type?: TypeRef;
  default?: string;
  description?: string;
  attribute?: string;
  reflects?: boolean;
  parameters?: Parameter[];
  return?: { type?: TypeRef };
}
interface Named {
  name: string;
  description?: string;
  default?: string;
}
interface Declaration {
  kind: string;
  name: string;
  summary?: string;
  description?: string;
  tagName?: string;
  customElement?: boolean;
  members?: Member[];
  events?: Named[];
  cssProperties?: Named[];
  cssParts?: Named[];
  slots?: Named[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

/** The analyzer's programmatic CLI; it has no type declarations of its own. */
type AnalyzerCli = (opts: { argv: string[]; cwd: string; noWrite: boolean }) => Promise<Manifest>;
const ANALYZER_CLI: string = '@custom-elements-manifest/analyzer/cli.js';

/** Splits a package.json script into words, honouring quotes. */
function words(script: string): string[] {
  return [...script.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * The manifest `npm run build:manifest` writes to dist/, made in memory with the same options.
 * The analyzer also keeps package.json's `customElements` in step with `--outdir`, relative to the
 * working directory: run from the root, where it is already right, that is a no-op.
 */
export async function analyzeManifest(): Promise<Manifest> {
  if (path.resolve(process.cwd()) !== root)
    throw new Error(`api-docs: run from the repository root (${root})`);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [bin, ...argv] = words(pkg.scripts['build:manifest'] ?? '');
  if (bin !== 'cem' || argv[0] !== 'analyze')
    throw new Error('api-docs: the build:manifest script is no longer `cem analyze …`');
  const { cli } = (await import(ANALYZER_CLI)) as { cli: AnalyzerCli };
  return cli({ argv: [...argv, '--quiet'], cwd: root, noWrite: true });
}

// ---- what the TypeScript sources add ----

export interface DetailField {
  name: string;
  optional: boolean;
  type: string;
  description: string;
}

export interface EventSource {
  eventName: string;
  className: string;
  /** The `EventInit` flags set to true in the constructor: bubbles, composed, cancelable. */
  flags: string[];
  detailType: string;
  fields: DetailField[];
  /** Interfaces named by a field (`detail.provider`), one level deep. */
  nested: { path: string; type: string; fields: DetailField[] }[];
}

export interface Sources {
  events: Map<string, EventSource>;
  /** Exported string unions by name, their members in source order. */
  unions: Map<string, string[]>;
  thresholds: { name: string; default: string; description: string }[];
  /** `--face-auth-…` custom properties declared on `:host`, with their values. */
  cssDefaults: Map<string, string>;
}

const flat = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/,?\s+\)/g, ')')
    .trim();

export function readSources(manifest: Manifest): Sources {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const eventModules = manifest.modules.filter((m) => m.path.startsWith('src/events/'));
  const files = ['src/index.ts', 'src/core/thresholds.ts', ...eventModules.map((m) => m.path)].map(
    (f) => path.join(root, f),
  );
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const source = (file: string): ts.SourceFile => {
    const sf = program.getSourceFile(path.join(root, file));
    if (!sf) throw new Error(`api-docs: ${file} is not in the program`);
    return sf;
  };
  const doc = (symbol: ts.Symbol): string =>
    flat(ts.displayPartsToString(symbol.getDocumentationComment(checker)));

  const fieldsOf = (type: ts.Type): DetailField[] =>
    checker.getPropertiesOfType(type).map((p) => {
      const decl = p.valueDeclaration ?? p.declarations?.[0];
      const typeNode = decl && ts.isPropertySignature(decl) ? decl.type : undefined;
      return {
        name: p.name,
        optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
        type: flat(
          typeNode ? typeNode.getText() : checker.typeToString(checker.getTypeOfSymbol(p)),
        ),
        description: doc(p),
      };
    });

  /** The interface a field's type names (null and undefined aside), when it is one of ours. */
  const ownInterface = (p: ts.Symbol): ts.Type | undefined => {
    const t = checker.getNonNullableType(checker.getTypeOfSymbol(p));
    const decl = t.getSymbol()?.declarations?.[0];
    if (!decl || !ts.isInterfaceDeclaration(decl)) return undefined;
    const file = path.relative(root, decl.getSourceFile().fileName);
    return file.startsWith('src/') ? t : undefined;
  };

  const events = new Map<string, EventSource>();
  for (const mod of eventModules) {
    const sf = source(mod.path);
    for (const d of mod.declarations ?? []) {
      const eventName = d.members
        ?.find((m) => m.static && m.name === 'eventName')
        ?.default?.replace(/^['"]|['"]$/g, '');
      if (d.kind !== 'class' || !eventName) continue;
      const cls = sf.statements.find(
        (s): s is ts.ClassDeclaration => ts.isClassDeclaration(s) && s.name?.text === d.name,
      );
      const ctor = cls?.members.find(ts.isConstructorDeclaration);
      const param = ctor?.parameters.find((p) => p.name.getText() === 'detail');
      if (!ctor || !param?.type) throw new Error(`api-docs: ${d.name} has no constructor(detail)`);
      const type = checker.getTypeFromTypeNode(param.type);
      const flags: string[] = [];
      ctor.body?.forEachChild(function visit(n) {
        if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) {
          const init = n.arguments[1];
          if (init && ts.isObjectLiteralExpression(init))
            for (const p of init.properties)
              if (ts.isPropertyAssignment(p) && p.initializer.kind === ts.SyntaxKind.TrueKeyword)
                flags.push(p.name.getText());
        } else n.forEachChild(visit);
      });
      const nested = checker.getPropertiesOfType(type).flatMap((p) => {
        const inner = ownInterface(p);
        return inner
          ? [
              {
                path: `detail.${p.name}`,
                type: checker.typeToString(inner),
                fields: fieldsOf(inner),
              },
            ]
          : [];
      });
      events.set(eventName, {
        eventName,
        className: d.name,
        flags,
        detailType: param.type.getText(),
        fields: fieldsOf(type),
        nested,
      });
    }
  }

  // Exported string unions, in the order their declarations list them.
  const literalsOf = (node: ts.TypeNode): string[] | undefined => {
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.map(literalsOf);
      return parts.every(Boolean) ? parts.flatMap((p) => p!) : undefined;
    }
    if (ts.isLiteralTypeNode(node)) {
      if (ts.isStringLiteral(node.literal)) return [`'${node.literal.text}'`];
      if (node.literal.kind === ts.SyntaxKind.NullKeyword) return ['null'];
      return undefined;
    }
    if (ts.isParenthesizedTypeNode(node)) return literalsOf(node.type);
    if (ts.isTypeReferenceNode(node)) {
      let s = checker.getSymbolAtLocation(node.typeName);
      if (s && s.flags & ts.SymbolFlags.Alias) s = checker.getAliasedSymbol(s);
      const decl = s?.declarations?.[0];
      if (decl && ts.isTypeAliasDeclaration(decl)) return literalsOf(decl.type);
      return undefined;
    }
    // Anything else (`FlowState['status']`): the checker's union of string literals.
    const t = checker.getTypeFromTypeNode(node);
    const members = t.isUnion() ? t.types : [t];
    return members.every((m) => m.isStringLiteral())
      ? members.map((m) => `'${(m as ts.StringLiteralType).value}'`)
      : undefined;
  };
  const unions = new Map<string, string[]>();
  const index = checker.getSymbolAtLocation(source('src/index.ts'));
  for (const exported of index ? checker.getExportsOfModule(index) : []) {
    const s = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decl = s.declarations?.[0];
    if (!decl || !ts.isTypeAliasDeclaration(decl)) continue;
    const literals = literalsOf(decl.type);
    if (literals && literals.length > 1) unions.set(exported.name, literals);
  }

  // The thresholds: the interface's fields with the defaults' values.
  const thresholdsFile = source('src/core/thresholds.ts');
  const iface = thresholdsFile.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'QualityThresholds',
  );
  const defaults = new Map<string, string>();
  thresholdsFile.forEachChild(function visit(n) {
    if (ts.isVariableDeclaration(n) && n.name.getText() === 'DEFAULT_THRESHOLDS')
      n.forEachChild(function find(m) {
        if (ts.isObjectLiteralExpression(m)) {
          for (const p of m.properties)
            if (ts.isPropertyAssignment(p)) defaults.set(p.name.getText(), p.initializer.getText());
        } else m.forEachChild(find);
      });
    else n.forEachChild(visit);
  });
  if (!iface) throw new Error('api-docs: QualityThresholds is gone from src/core/thresholds.ts');
  const thresholds = fieldsOf(checker.getTypeAtLocation(iface)).map((f) => ({
    name: f.name,
    default: defaults.get(f.name) ?? '',
    description: f.description,
  }));

  // CSS custom property values on :host.
  const styles = readFileSync(path.join(root, 'src/face-auth.styles.ts'), 'utf8');
  const host = /:host\s*\{([^}]*)\}/.exec(styles)?.[1] ?? '';
  const cssDefaults = new Map(
    [...host.matchAll(/(--face-auth-[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, flat(m[2]!)]),
  );

  return { events, unions, thresholds, cssDefaults };
}

// ---- rendering ----

const cell = (s: string | undefined): string => (s ? flat(s).replace(/\|/g, '\\|') : '—');
const code = (s: string | undefined): string => (s ? cell('`' + flat(s) + '`') : '—');
const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const withoutUndefined = (t: string | undefined): string | undefined =>
  t?.replace(/\s*\|\s*undefined$/, '');

/** The `detail: { … }` an `@event` line may spell out; the event class is the source for it. */
const INLINE_DETAIL = /\s*`?detail: \{([\s\S]*)\}`?\.?\s*$/;

/** Top-level names of an inline `{ a, b: T, c? }`. */
function inlineNames(body: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body + ',') {
    if (ch === '{' || ch === '(' || ch === '<') depth++;
    if (ch === '}' || ch === ')' || ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      const name = current.split(':')[0]!.trim().replace(/\?$/, '');
      if (name) names.push(name);
      current = '';
    } else current += ch;
  }
  return names;
}

export interface Rendered {
  markdown: string;
  /** Where the element's JSDoc and the event classes disagree (the page follows the classes). */
  warnings: string[];
}

export function renderApiDocs(manifest: Manifest, sources: Sources): Rendered {
  const warnings: string[] = [];
  const element = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.customElement && d.tagName);
  if (!element?.tagName) throw new Error('api-docs: the manifest has no custom element');
  const tag = element.tagName;
  const members = (element.members ?? []).filter(
    (m) => !m.static && (m.privacy ?? 'public') === 'public',
  );
  const fields = members.filter((m) => m.kind === 'field');
  const methods = members.filter((m) => m.kind === 'method');
  const typeTexts: string[] = [];
  const typeCell = (t: string | undefined): string => {
    if (t) typeTexts.push(t);
    return code(t);
  };

  const out: string[] = [];
  out.push(
    `<!-- Generated by scripts/api-docs.ts (npm run docs) from the Custom Elements Manifest and src/events/. Do not edit: change the JSDoc and run it again. -->`,
    '',
    `# \`<${tag}>\` API reference`,
    '',
    `Class \`${element.name}\`, registered as \`<${tag}>\` by \`face-auth-widget/define\`.`,
    '',
    flat(element.summary || element.description || ''),
    '',
    'Contents: [attributes and properties](#attributes-and-properties) ·',
    '[methods](#methods) · [events](#events) · [CSS custom properties](#css-custom-properties) ·',
    '[parts](#parts) · [quality thresholds](#quality-thresholds) · [types](#types)',
  );

  out.push('', '## Attributes and properties', '');
  out.push(
    table(
      ['attribute', 'property', 'type', 'default', 'description'],
      fields.map((f) => [
        f.attribute ? code(f.attribute) + (f.reflects ? ' (reflects)' : '') : '—',
        code(f.name) + (f.readonly ? ' (read-only)' : ''),
        typeCell(withoutUndefined(f.type?.text)),
        code(f.default),
        cell(f.description),
      ]),
    ),
  );

  out.push('', '## Methods', '');
  out.push(
    table(
      ['method', 'description'],
      methods.map((m) => {
        const params = (m.parameters ?? [])
          .map((p) => `${p.name}${p.optional ? '?' : ''}${p.type ? `: ${p.type.text}` : ''}`)
          .join(', ');
        return [
          code(`${m.name}(${params}): ${m.return?.type?.text ?? 'void'}`),
          cell(m.description),
        ];
      }),
    ),
  );

  out.push(
    '',
    '## Events',
    '',
    'Each event is a typed subclass of `Event`, exported from `face-auth-widget`, with its data in',
    '`detail`.',
    '',
  );
  const documented = element.events ?? [];
  for (const e of documented)
    if (!sources.events.has(e.name))
      throw new Error(`api-docs: @event ${e.name} has no event class in src/events/`);
  for (const name of sources.events.keys())
    if (!documented.some((e) => e.name === name))
      warnings.push(`${name} has an event class but no @event in ${tag}'s JSDoc`);
  out.push(
    table(
      ['event', 'class', 'flags', 'description'],
      documented.map((e) => {
        const src = sources.events.get(e.name)!;
        const inline = INLINE_DETAIL.exec(e.description ?? '');
        if (inline) {
          const said = inlineNames(inline[1]!);
          const actual = src.fields.map((f) => f.name);
          const missing = actual.filter((n) => !said.includes(n));
          const extra = said.filter((n) => !actual.includes(n));
          if (missing.length || extra.length)
            warnings.push(
              `@event ${e.name} spells out detail { ${said.join(', ')} }; ${src.detailType} has` +
                (missing.length ? ` also ${missing.join(', ')}` : '') +
                (extra.length ? ` no ${extra.join(', ')}` : ''),
            );
        }
        return [
          `[${code(e.name)}](#${e.name})`,
          code(src.className),
          src.flags.join(', '),
          cell((e.description ?? '').replace(INLINE_DETAIL, '')),
        ];
      }),
    ),
  );
  const fieldTable = (rows: DetailField[]): string =>
    table(
      ['field', 'type', 'description'],
      rows.map((f) => [
        code(f.name + (f.optional ? '?' : '')),
        typeCell(f.type),
        cell(f.description),
      ]),
    );
  for (const e of documented) {
    const src = sources.events.get(e.name)!;
    out.push('', `### ${e.name}`, '', `\`detail\`: \`${src.detailType}\``, '');
    out.push(fieldTable(src.fields));
    for (const n of src.nested)
      out.push('', `\`${n.path}\`: \`${n.type}\``, '', fieldTable(n.fields));
  }

  out.push('', '## CSS custom properties', '');
  out.push(
    table(
      ['property', 'default', 'description'],
      (element.cssProperties ?? []).map((p) => [
        code(p.name),
        code(p.default ?? sources.cssDefaults.get(p.name)),
        cell(p.description),
      ]),
    ),
  );

  out.push('', '## Parts', '');
  out.push(
    table(
      ['part', 'description'],
      (element.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
  );
  if (element.slots?.length) {
    out.push('', '## Slots', '');
    out.push(
      table(
        ['slot', 'description'],
        element.slots.map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
      ),
    );
  }

  out.push(
    '',
    '## Quality thresholds',
    '',
    'The keys of `thresholds` (`QualityThresholds`); any key left out keeps its default.',
    '',
  );
  out.push(
    table(
      ['key', 'default', 'description'],
      sources.thresholds.map((t) => [code(t.name), code(t.default), cell(t.description)]),
    ),
  );

  // The string unions named anywhere above.
  const named = new Set(typeTexts.flatMap((t) => t.match(/\b[A-Z]\w*\b/g) ?? []));
  const unions = [...sources.unions].filter(([name]) => named.has(name));
  out.push('', '## Types', '', 'The string unions named in the tables above.', '');
  out.push(
    table(
      ['type', 'values'],
      unions.map(([name, values]) => [code(name), values.map((v) => code(v)).join(', ')]),
    ),
  );
  out.push('');
  return { markdown: out.join('\n'), warnings };
}

/** The page as the code says it should be now. */
export async function generateApiDocs(): Promise<Rendered> {
  const manifest = await analyzeManifest();
  return renderApiDocs(manifest, readSources(manifest));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { markdown, warnings } = await generateApiDocs();
  for (const w of warnings) console.warn(`api-docs: warning: ${w}`);
  const rel = path.relative(root, API_DOCS_PATH);
  if (process.argv.includes('--check')) {
    const current = readFileSync(API_DOCS_PATH, 'utf8');
    if (current !== markdown) {
      console.error(`${rel} is stale: run npm run docs and commit it`);
      process.exit(1);
    }
    console.log(`${rel} is up to date`);
  } else {
    writeFileSync(API_DOCS_PATH, markdown);
    console.log(`wrote ${rel}`);
  }
}
