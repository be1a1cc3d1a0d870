/**
 * The layer rules of eslint.config.js, checked on deliberate violations: a snippet linted as if
 * it were a file in src/core, src/api or src/server. If a rule stops matching (a typo in a
 * pattern, a `files` glob that no longer fits), these fail instead of the rule going quiet.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The restricted-import messages ESLint gives `code` placed at `file` (which need not exist). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const valueImport = (source: string): string =>
  `import { x } from '${source}';\nexport const y = x;\n`;

const layers: { file: string; blocked: string[]; allowed: string }[] = [
  {
    // DOM-free and framework-free: only core, and types from the provider contract.
    file: 'src/core/layer-check.ts',
    blocked: [
      'lit',
      'lit/decorators.js',
      'ky',
      'node:crypto',
      '../controllers/flow-controller.js',
      '../api/index.js',
      '../events/index.js',
      '../translations/index.js',
      '../face-auth.component.js',
      '../server/index.js',
      '../contract/action.js',
    ],
    allowed:
      `import type { Action } from '../contract/action.js';\n` +
      `import { flowReducer } from './flow.js';\n` +
      `export type A = Action;\nexport const r = flowReducer;\n`,
  },
  {
    file: 'src/api/layer-check.ts',
    blocked: [
      '../controllers/action-controller.js',
      '../face-auth.component.js',
      '../index.js',
      'lit',
    ],
    allowed:
      `import ky from 'ky';\nimport { retryDelay } from '../core/retry.js';\n` +
      `export const y = [ky, retryDelay];\n`,
  },
  {
    file: 'src/server/layer-check.ts',
    blocked: [
      'lit',
      '@mediapipe/tasks-vision',
      '../api/index.js',
      '../controllers/action-controller.js',
      '../face-auth.component.js',
    ],
    allowed:
      `import { createHmac } from 'node:crypto';\n` +
      `import type { ReviewStatus } from '../core/api-types.js';\n` +
      `export type S = ReviewStatus;\nexport const h = createHmac;\n`,
  },
];

describe('layer rules', () => {
  for (const { file, blocked, allowed } of layers) {
    const folder = path.dirname(file);
    it(`${folder} refuses ${blocked.join(', ')}`, async () => {
      for (const source of blocked)
        expect(await layerErrors(file, valueImport(source)), source).toHaveLength(1);
    });
    it(`${folder} allows what its layer may use`, async () => {
      expect(await layerErrors(file, allowed)).toEqual([]);
    });
  }
});
