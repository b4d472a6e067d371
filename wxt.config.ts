import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { contentScriptPolyfill } from './src/cli/content-script-polyfill';
import { packModule } from './src/cli/pack-module';
import { assertValidDataFiles } from './src/pack/data-files';
import { iconPaths } from './src/icons';
import { PAGE_PATTERNS } from './src/site-rules';

// A malformed data pack must stop the build with a message naming the file and field,
// rather than ship an extension that silently marks nothing.
assertValidDataFiles(new URL('./data/', import.meta.url));

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep the layers visible in each file's import list (STYLE.md §1).
  imports: false,
  // Top-level folders are fixed (README); files copied as they are (the locales) live here.
  publicDir: 'assets/public',
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Chrome: `scripting` and the content script's own hosts, for the background to run the
    // card's UI in a frame when a card is first wanted there (src/page/card-ui.ts; an imported
    // module never runs on a site where the reader blocks JavaScript, this does), and to
    // register the one-line hint that the settings are the defaults (src/settings-hint.ts). The
    // install prompt is the same as the content script's alone. (Firefox bundles the card's UI.)
    ...(browser === 'firefox'
      ? { permissions: ['storage'] }
      : {
          permissions: ['storage', 'scripting'],
          host_permissions: PAGE_PATTERNS,
          // 106: the CSS Custom Highlight API (105) and a message's sender.documentId, which
          // the background runs the card's UI in (106). Nothing newer is needed without a
          // fallback (checked in the bundles: their newest syntax and APIs are older).
          minimum_chrome_version: '106',
        }),
    // Drawn in assets/icon.svg; the grey `off` set is swapped in by the background.
    icons: iconPaths('on'),
    action: { default_title: '__MSG_extName__', default_icon: iconPaths('on') },
    commands: {
      'next-mention': {
        // Alt+Shift+letter clashes with no browser shortcut on Windows, Linux or macOS.
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandNextMention__',
      },
      'toggle-site': {
        suggested_key: { default: 'Alt+Shift+O' },
        description: '__MSG_commandToggleSite__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'context-overlays@example.org',
              // Firefox 140 is the first with the CSS Custom Highlight API (without it the
              // content script does nothing) and with data_collection_permissions.
              strict_min_version: '140.0',
              // Declares that nothing is collected (Firefox's newer manifest key).
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((entry) => entry.type === 'content-script')) {
        // The content script's build only: the polyfill's table of the calls it makes.
        config.plugins = [...(config.plugins ?? []), contentScriptPolyfill()];
        // …and terser's `unsafe`, for 36–38 bytes gzipped (issue 6's 30 KB). In this bundle it
        // drops `new` before Error and RegExp (each given a string pattern) and joins template
        // strings with `+` (each value put in one a string or a number). It would also write
        // `String(x)` as `"" + x`, which differs for a symbol (the one call, in Firefox's card
        // UI, takes a number); take calls of String, Error or RegExp#test for pure, and drop them
        // when their result goes unused; and work out string methods on constants at build time,
        // in Node's locale (none is called on a constant here). Keep it so when changing these
        // bundles. A copy: the other builds keep their own options.
        const terser = config.build?.terserOptions;
        if (terser && typeof terser.compress === 'object') {
          config.build = {
            ...config.build,
            terserOptions: { ...terser, compress: { ...terser.compress, unsafe: true } },
          };
        }
      }
    },
    // The icons live in assets/icons/ (rendered from the SVG by `npm run icons`), not public/.
    'build:publicAssets': (_wxt, files) => {
      for (const state of ['on', 'off'] as const) {
        for (const path of Object.values(iconPaths(state))) {
          files.push({ absoluteSrc: fileURLToPath(new URL(`./assets/${path}`, import.meta.url)), relativeDest: path });
        }
      }
    },
  },
  vite: () => ({
    plugins: [preact(), packModule(new URL('./data/', import.meta.url))],
    // WXT's content-script context talks to the page: see src/wxt-context-stand-in.ts.
    resolve: {
      alias: [
        {
          find: /^wxt\/utils\/content-script-context$/,
          replacement: fileURLToPath(new URL('./src/wxt-context-stand-in.ts', import.meta.url)),
        },
      ],
    },
    // Terser, three passes: the content script comes out 0.45 KB smaller gzipped than with
    // esbuild's minifier (a third pass: 48 bytes), which keeps it under issue 6's 30 KB.
    // `pure_getters`: no code here, nor the polyfill, reads a property for its side effect
    // alone (a getter that does something has its value used; lint's no-unused-expressions keeps
    // it so, see tests/unit/lint-rules.test.ts). In the content script's output a diff showed
    // variables inlined and one unused read of `console.error` dropped: 10 bytes.
    build: { minify: 'terser', terserOptions: { compress: { passes: 3, pure_getters: true } } },
  }),
});
