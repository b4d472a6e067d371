// Build time: webextension-polyfill as the content script needs it. The polyfill carries the
// argument counts of every extension API (alarms, bookmarks, tabs …), 2.7 KB of the content
// script's 30 KB gzipped (issue 6), while a content script is given only a few of those APIs by
// the browser: it could wrap nothing else. Pages run the content script; the background,
// popup and options keep the whole polyfill.
import type { Plugin } from 'vite';

/** What of the table a content script can call (Chrome's list; Firefox gives content scripts
 *  no more of these): all of `i18n` and `storage`, and of `runtime` only `sendMessage` (its
 *  `getBackgroundPage`, `openOptionsPage` … are the extension's pages' alone), none of
 *  `extension`'s. */
export const CONTENT_SCRIPT_APIS: Readonly<Record<string, readonly string[] | 'all'>> = {
  i18n: 'all',
  runtime: ['sendMessage'],
  storage: 'all',
};

const POLYFILL = /\/webextension-polyfill\/dist\/browser-polyfill\.js$/;
const START = 'const apiMetadata = ';
const END = ';\n      if (Object.keys(apiMetadata).length === 0)';
const PRIVACY = 'apiMetadata.privacy = {';
const PRIVACY_END = '};\n';

/** The polyfill's source with its API table cut to CONTENT_SCRIPT_APIS. Throws, naming what
 *  it missed, when the polyfill is not shaped as this was written for (a new version): the
 *  build stops rather than ship a content script wrapping APIs it cannot name. */
export function polyfillForContentScript(source: string): string {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start < 0 || end < 0)
    throw new Error('webextension-polyfill: its API table (`const apiMetadata = {…}`) was not found');
  const table = JSON.parse(source.slice(start + START.length, end)) as Record<string, Record<string, unknown>>;
  const kept: Record<string, Record<string, unknown>> = {};
  const missing: string[] = [];
  for (const [api, methods] of Object.entries(CONTENT_SCRIPT_APIS)) {
    const all = table[api];
    if (!all) missing.push(api);
    else if (methods === 'all') kept[api] = all;
    else {
      kept[api] = {};
      for (const method of methods) {
        if (method in all) kept[api][method] = all[method];
        else missing.push(`${api}.${method}`);
      }
    }
  }
  if (missing.length > 0) throw new Error(`webextension-polyfill: its API table has no ${missing.join(', ')}`);
  const cut = source.slice(0, start + START.length) + JSON.stringify(kept) + source.slice(end);
  // The `privacy` settings' entry, added to the table in code: no content script has `privacy`.
  const privacy = cut.indexOf(PRIVACY);
  const privacyEnd = cut.indexOf(PRIVACY_END, privacy);
  if (privacy < 0 || privacyEnd < 0) throw new Error('webextension-polyfill: its `privacy` entry was not found');
  let out = cut.slice(0, privacy) + cut.slice(privacyEnd + PRIVACY_END.length);
  for (const [long, short] of SHORTER) {
    if (!out.includes(long)) throw new Error(`webextension-polyfill: its message ${long.slice(0, 30)}… was not found`);
    out = out.replaceAll(long, short);
  }
  return out;
}

/** The polyfill's messages for a wrong call, made short, and its checks for a missing runtime and
 *  an empty table, left out: the content script makes the same few calls every time, and these
 *  cost it 170 bytes gzipped (issue 6). */
const SHORTER: ReadonlyArray<readonly [string, string]> = [
  // (A content script is only ever run by the extension's runtime.)
  [
    '  if (!(globalThis.chrome && globalThis.chrome.runtime && globalThis.chrome.runtime.id)) {\n    throw new Error("This script should only be loaded in a browser extension.");\n  }\n',
    '',
  ],
  // (The table is never empty here: this build fills it, or stops.)
  [
    '\n      if (Object.keys(apiMetadata).length === 0) {\n        throw new Error("api-metadata.json has not been included in browser-polyfill");\n      }',
    '',
  ],
  [
    '`Expected at least ${metadata.minArgs} ${pluralizeArguments(metadata.minArgs)} for ${name}(), got ${args.length}`',
    '`${name}(): bad arguments`',
  ],
  [
    '`Expected at most ${metadata.maxArgs} ${pluralizeArguments(metadata.maxArgs)} for ${name}(), got ${args.length}`',
    '`${name}(): bad arguments`',
  ],
];

export function contentScriptPolyfill(): Plugin {
  return {
    name: 'context-overlays-content-script-polyfill',
    transform: (code, id) => (POLYFILL.test(id) ? { code: polyfillForContentScript(code), map: null } : undefined),
  };
}
