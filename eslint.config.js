import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrictedProperties = [
  ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'createContextualFragment', 'setHTMLUnsafe'].map((property) => ({
    property,
    message: 'Build DOM with Preact or createElement, never from HTML strings.',
  })),
  { object: 'Document', property: 'parseHTMLUnsafe', message: 'No HTML parsing from strings in the extension.' },
  { object: 'document', property: 'write', message: 'Never write into the page.' },
  { object: 'document', property: 'writeln', message: 'Never write into the page.' },
  // The globals below, reached through the global object.
  ...['window', 'globalThis', 'self'].flatMap((object) => [
    { object, property: 'fetch', message: 'The extension makes no network requests.' },
    { object, property: 'eval', message: 'No code is built from strings.' },
  ]),
  { property: 'sendBeacon', message: 'The extension makes no network requests.' },
];

const restrictedGlobals = [
  { name: 'DOMParser', message: 'No HTML parsing from strings in the extension.' },
  ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
    name,
    message: 'The extension makes no network requests.',
  })),
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // no-implied-eval and no-eval find `setTimeout('code')` and `window.eval` only through
    // declared globals: without these they never fired (found by tests/unit/lint-rules.test.ts).
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'self', 'globalThis', 'setTimeout', 'setInterval', 'execScript'].map((name) => [name, 'readonly']),
      ),
    },
    rules: {
      // House rules (DESIGN.md): the page is not ours, and no code is built from strings.
      // Each rule is proven to fire by tests/unit/lint-rules.test.ts.
      'no-restricted-properties': ['error', ...restrictedProperties],
      'no-restricted-globals': ['error', ...restrictedGlobals],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Build DOM with Preact or createElement, never from HTML strings.',
        },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Code that runs in a page: Chromium never fires a content script's timers on a site where
    // the reader blocks JavaScript (src/page/timers.ts).
    files: ['src/page/**', 'src/script-context.ts', 'entrypoints/content.ts', 'entrypoints/card-ui.ts'],
    ignores: ['src/page/timers.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictedGlobals,
        ...['setTimeout', 'setInterval'].map((name) => ({
          name,
          message:
            "Use after() or every() from src/page/timers.ts: a page's own timers stop where JavaScript is blocked.",
        })),
      ],
      'no-restricted-properties': [
        'error',
        ...restrictedProperties,
        ...['window', 'globalThis', 'self'].flatMap((object) =>
          ['setTimeout', 'setInterval'].map((property) => ({
            object,
            property,
            message: 'Use after() or every() from src/page/timers.ts.',
          })),
        ),
      ],
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
