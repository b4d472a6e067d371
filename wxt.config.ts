import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { assertValidDataFiles } from './src/pack/data-files';

// A malformed data pack must stop the build with a message naming the file and field,
// rather than ship an extension that silently marks nothing.
assertValidDataFiles(new URL('./data/', import.meta.url));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep the layers visible in each file's import list (STYLE.md §1).
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Context overlays',
    description:
      'Background cards on Bagram, Fasihuddin Fitrat and the 2020 US–Taliban agreement, wherever they come up on the web. Nothing leaves your browser.',
    permissions: ['storage'],
    action: { default_title: 'Context overlays' },
    commands: {
      'next-mention': {
        // Alt+Shift+letter clashes with no browser shortcut on Windows, Linux or macOS.
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Go to the next marked mention and open its background card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'context-overlays@example.org',
              // Declares that nothing is collected (Firefox's newer manifest key).
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
