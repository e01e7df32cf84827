// One lint gate. functions/ must stay portable to any cron-triggered HTTP platform, so Node built-ins are banned there.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['functions/**/*.ts'],
    ignores: ['functions/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*'],
              message: 'functions/ runs on any serverless platform: use web standards and injected deps.',
            },
            {
              group: ['fs', 'child_process', 'os', 'path', 'net', 'http', 'https', 'undici', 'pino'],
              message: 'functions/ must not depend on Node-only modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'functions/ never reads process: config comes in through deps.' },
        { name: 'Buffer', message: 'Use Uint8Array/TextEncoder in functions/.' },
      ],
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
