import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';
import { collapse, collapseTemplates, type Node } from './template-whitespace.js';

const parse = (code: string): Node => parseAst(code) as unknown as Node;

describe('collapse', () => {
  it('makes a run of whitespace with a line break one space, and leaves spaces on one line', () => {
    expect(collapse('\n    <p class="a  b">\n      hi\n    </p>\n  ', 'html')).toBe(
      ' <p class="a  b"> hi </p> ',
    );
  });

  it('drops the comments of a css template, not of html', () => {
    expect(collapse('\n  /* why */\n  :host {\n    color: red;\n  }\n', 'css')).toBe(
      ' :host { color: red; } ',
    );
    expect(collapse('<!-- kept -->', 'html')).toBe('<!-- kept -->');
  });
});

describe('collapseTemplates', () => {
  it('rewrites html, svg and css templates around their expressions, and nothing else', () => {
    const code = [
      'const a = html`\n  <p>${x}</p>\n`;',
      'const b = svg`<g>\n  ${y}\n</g>`;',
      'const c = css`\n  :host {\n    display: block; /* why */\n  }\n`;',
      'const d = other`\n  kept\n`;',
      'const e = `\n  kept\n`;',
    ].join('\n');
    expect(collapseTemplates(code, parse)?.code).toBe(
      [
        'const a = html` <p>${x}</p> `;',
        'const b = svg`<g> ${y} </g>`;',
        'const c = css` :host { display: block; } `;',
        'const d = other`\n  kept\n`;',
        'const e = `\n  kept\n`;',
      ].join('\n'),
    );
  });

  it('says null when there is nothing to change', () => {
    expect(collapseTemplates('const a = html`<p>${x}</p>`;', parse)).toBeNull();
  });
});
