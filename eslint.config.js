import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'screenshots/**',
      'bench/out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layers of src/, enforced (test/unit/lint/layers.test.ts checks that a violation is still
  // caught). Tests beside the code are not part of a layer.
  {
    // core: the flow, quality scoring, policies. DOM-free and framework-free, so it runs and is
    // tested in Node: it imports only core, and types from the provider contract.
    files: ['src/core/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?![.]{1,2}/)',
              message: 'src/core is DOM-free and framework-free: it imports no package.',
            },
            {
              regex: '^[.]{2}/(?!contract/)',
              message: 'src/core imports only src/core (and types from src/contract).',
            },
            {
              regex: '^[.]{2}/contract/',
              allowTypeImports: true,
              message: 'src/core takes only types from src/contract (use `import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    // api: the browser's provider client. Below the controllers and the element.
    files: ['src/api/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^[.]{2}/(controllers|events|translations|internal|server)/',
              message:
                'src/api is the provider client: it imports core and the contract, not the widget or the server helper.',
            },
            {
              regex: '^[.]{2}/(face-auth[^/]*|index|define|cdn)([.]js)?$',
              message: 'src/api does not import the element or its entry points.',
            },
            { regex: '^lit(/|$)', message: 'src/api does not render: no lit.' },
          ],
        },
      ],
    },
  },
  {
    // server: the host-backend helper (`face-auth-widget/server`), runs in Node only.
    files: ['src/server/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^[.]{2}/(api|controllers|events|translations|internal)/',
              message:
                'src/server runs in Node: it imports core and the contract, nothing of the browser side.',
            },
            {
              regex: '^[.]{2}/(face-auth[^/]*|index|define|cdn)([.]js)?$',
              message: 'src/server does not import the element or its entry points.',
            },
            {
              regex: '^(lit|ky|@mediapipe/)',
              message: 'src/server runs in Node: no browser packages.',
            },
          ],
        },
      ],
    },
  },
  {
    // Chai assertions are property accesses (`expect(x).to.be.true`).
    files: ['test/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    ...litConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    ...wcConfigs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server/**'],
    plugins: { 'lit-a11y': litA11y },
    rules: { ...litA11y.configs.recommended.rules },
  },
);
