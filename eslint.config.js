import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // House rules (DESIGN.md): the page is not ours, and no code is built from strings.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM with Preact or createElement, never from HTML strings.' },
        { property: 'outerHTML', message: 'Build DOM with Preact or createElement, never from HTML strings.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM with Preact or createElement, never from HTML strings.' },
        { object: 'document', property: 'write', message: 'Never write into the page.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'DOMParser', message: 'No HTML parsing from strings in the extension.' },
        { name: 'fetch', message: 'The extension makes no network requests.' },
        { name: 'XMLHttpRequest', message: 'The extension makes no network requests.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-empty-pattern': 'off',
    },
  },
);
