/**
 * Takes the source layout out of the widget's Lit templates in the shipped builds: in every
 * `html`, `svg` and `css` tagged template of src/, a run of whitespace that holds a line break
 * becomes one space, and in `css` templates the comments go. What renders is the same: HTML and
 * CSS treat a run of whitespace as one space (the widget has no `<pre>`, no `white-space: pre`
 * in its styles), and a CSS comment is nothing. About 2 kB of indentation and comments, 0.2 KiB
 * gzip, of the JavaScript a page loads first.
 */
import MagicString from 'magic-string';
import type { Plugin } from 'vite';

/** The ESTree subset this reads (Rollup's `this.parse` gives nodes with `start`/`end`). */
export interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const TAGS = new Set(['html', 'svg', 'css']);

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** One piece of a template's text (between `${…}`s), as written in the source. */
export function collapse(raw: string, tag: string): string {
  const text = tag === 'css' ? raw.replace(/\/\*[\s\S]*?\*\//g, ' ') : raw;
  return text.replace(/\s*\n\s*/g, ' ');
}

/** `code` (a module, as `parse` reads it) with its html/svg/css templates collapsed; null when it has none. */
export function collapseTemplates(
  code: string,
  parse: (code: string) => Node,
): { code: string; map: ReturnType<MagicString['generateMap']> } | null {
  const s = new MagicString(code);
  let changed = false;
  const visit = (node: Node): void => {
    if (node.type === 'TaggedTemplateExpression') {
      const tag = node.tag as Node;
      if (tag.type === 'Identifier' && TAGS.has(tag.name as string)) {
        for (const quasi of (node.quasi as Node).quasis as Node[]) {
          const raw = code.slice(quasi.start, quasi.end);
          const out = collapse(raw, tag.name as string);
          if (out !== raw) {
            s.overwrite(quasi.start, quasi.end, out);
            changed = true;
          }
        }
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) if (isNode(v)) visit(v);
      if (isNode(value)) visit(value);
    }
  };
  visit(parse(code));
  return changed ? { code: s.toString(), map: s.generateMap({ hires: true }) } : null;
}

/** The Vite/Rollup plugin: collapseTemplates on the widget's own modules (src/). */
export function templateWhitespace(): Plugin {
  return {
    name: 'face-auth:template-whitespace',
    transform(code, id) {
      if (!/[\\/]src[\\/].*\.ts$/.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      return collapseTemplates(code, (c) => this.parse(c) as unknown as Node);
    },
  };
}
