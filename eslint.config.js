// Lint, including the layering rules from DESIGN.md: where code runs decides what it may import.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'tty', 'url', 'util',
  'v8', 'vm', 'worker_threads', 'zlib',
];

const noNode = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'shared/ and renderer/ run in the browser too: no Node built-ins. Put this in main/services/ and reach it through the contract.' })),
  patterns: [{ group: ['node:*'], message: 'shared/ and renderer/ run in the browser too: no Node built-ins. Put this in main/services/ and reach it through the contract.' }],
};
const noElectron = {
  name: 'electron',
  message: "Only main/electron/ may import 'electron' (and preload/). Services stay plain Node so `specwright serve` can host them.",
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: ['./main', './shared', './preload', './e2e', './bench'], from: './renderer', message: 'Nothing outside renderer/ imports from it; share through shared/.' },
            { target: './shared', from: ['./main', './preload'], message: 'shared/ is pure: it may not import from main/ or preload/.' },
            { target: './renderer', from: ['./main', './preload'], message: 'The renderer talks to main only through the contract (shared/ipc).' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...noNode.paths, noElectron], patterns: noNode.patterns }] },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: [...noNode.paths, noElectron], patterns: noNode.patterns }],
    },
  },
  {
    // code passed to page.evaluate runs in the browser
    files: ['bench/**/*.mjs', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
);
