/**
 * The layer rules of eslint.config.js, checked on deliberate violations: a snippet linted as if
 * it were a file in src/core, src/api or src/server. If a rule stops matching (a typo in a
 * pattern, a `files` glob that no longer fits), these fail instead of the rule going quiet.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

/** The restricted-import messages ESLint gives `code` placed at `file` (which need not exist). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('src/core imports no package (lit, ky, node:…)', async () => {
    for (const source of ['lit', 'lit/decorators.js', 'ky', 'node:crypto']) {
      const errors = await layerErrors(
        'src/core/layer-check.ts',
        `import x from '${source}';\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
      expect(errors[0]).toMatch(/src\/core is DOM-free/);
    }
  });

  it('src/core imports nothing outside src/core, and only types from src/contract', async () => {
    for (const source of [
      '../controllers/flow-controller.js',
      '../api/index.js',
      '../events/index.js',
      '../translations/index.js',
      '../face-auth.component.js',
      '../server/index.js',
    ]) {
      const errors = await layerErrors(
        'src/core/layer-check.ts',
        `import { x } from '${source}';\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
    }
    expect(
      await layerErrors(
        'src/core/layer-check.ts',
        `import { schema } from '../contract/action.js';\nexport const y = schema;\n`,
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'src/core/layer-check.ts',
        `import type { Action } from '../contract/action.js';\nimport { flowReducer } from './flow.js';\nexport type A = Action;\nexport const r = flowReducer;\n`,
      ),
    ).toEqual([]);
  });

  it('src/api imports neither the controllers nor the element', async () => {
    for (const source of [
      '../controllers/action-controller.js',
      '../face-auth.component.js',
      '../index.js',
      'lit',
    ]) {
      const errors = await layerErrors(
        'src/api/layer-check.ts',
        `import { x } from '${source}';\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
    }
    expect(
      await layerErrors(
        'src/api/layer-check.ts',
        `import ky from 'ky';\nimport { retryDelay } from '../core/retry.js';\nexport const y = [ky, retryDelay];\n`,
      ),
    ).toEqual([]);
  });

  it('src/server imports nothing of the browser side', async () => {
    for (const source of [
      'lit',
      '@mediapipe/tasks-vision',
      '../api/index.js',
      '../controllers/action-controller.js',
      '../face-auth.component.js',
    ]) {
      const errors = await layerErrors(
        'src/server/layer-check.ts',
        `import { x } from '${source}';\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
    }
    expect(
      await layerErrors(
        'src/server/layer-check.ts',
        `import { createHmac } from 'node:crypto';\nimport type { ReviewStatus } from '../core/api-types.js';\nexport type S = ReviewStatus;\nexport const h = createHmac;\n`,
      ),
    ).toEqual([]);
  });
});
