// Build time: webextension-polyfill as the content script needs it. The polyfill carries the
// argument counts of every extension API (alarms, bookmarks, tabs …), 2.7 KB of the content
// script's 30 KB gzipped (issue 6), while a content script is given only these namespaces by
// the browser: it could wrap nothing else. Pages run the content script; the background,
// popup and options keep the whole polyfill.
import type { Plugin } from 'vite';

/** The extension APIs a content script can reach (Chrome's and Firefox's lists agree). */
export const CONTENT_SCRIPT_APIS = ['extension', 'i18n', 'runtime', 'storage'] as const;

const POLYFILL = /\/webextension-polyfill\/dist\/browser-polyfill(\.min)?\.js$/;
const START = 'const apiMetadata = ';
const END = ';\n      if (Object.keys(apiMetadata).length === 0)';

/** The polyfill's source with its API table cut to CONTENT_SCRIPT_APIS. Throws, naming what
 *  it missed, when the polyfill is not shaped as this was written for (a new version): the
 *  build stops rather than ship a content script wrapping APIs it cannot name. */
export function polyfillForContentScript(source: string): string {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start < 0 || end < 0)
    throw new Error('webextension-polyfill: its API table (`const apiMetadata = {…}`) was not found');
  const table = JSON.parse(source.slice(start + START.length, end)) as Record<string, unknown>;
  const missing = CONTENT_SCRIPT_APIS.filter((api) => !(api in table));
  if (missing.length > 0) throw new Error(`webextension-polyfill: its API table has no ${missing.join(', ')}`);
  const kept = Object.fromEntries(CONTENT_SCRIPT_APIS.map((api) => [api, table[api]]));
  return source.slice(0, start + START.length) + JSON.stringify(kept) + source.slice(end);
}

export function contentScriptPolyfill(): Plugin {
  return {
    name: 'context-overlays-content-script-polyfill',
    transform: (code, id) => (POLYFILL.test(id) ? { code: polyfillForContentScript(code), map: null } : undefined),
  };
}
