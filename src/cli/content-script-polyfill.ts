// Build time: webextension-polyfill as the content script needs it. The polyfill carries the
// argument counts of every extension API (alarms, bookmarks, tabs …), 2.7 KB of the content
// script's 30 KB gzipped (issue 6), while the content script calls three of them. Pages run
// the content script; the background, popup and options keep the whole polyfill.
import type { Plugin } from 'vite';

/** The calls the content script makes that return a promise (src/settings.ts reads both
 *  storage areas; entrypoints/content.ts sends messages): all the table keeps. What else the
 *  bundle might call goes to the browser's own API, which in Chrome's Manifest V3 returns a
 *  promise too (and Firefox's build is given `browser` itself). Cut from what a content script
 *  can reach (all of `i18n` and `storage`) to these: 68 bytes gzipped (issue 6). */
export const CONTENT_SCRIPT_CALLS: readonly string[] = ['runtime.sendMessage', 'storage.local.get', 'storage.sync.get'];

const POLYFILL = /\/webextension-polyfill\/dist\/browser-polyfill\.js$/;
const START = 'const apiMetadata = ';
const END = ';\n      if (Object.keys(apiMetadata).length === 0)';
const PRIVACY = 'apiMetadata.privacy = {';
const PRIVACY_END = '};\n';
const HAR = '      const onRequestFinishedWrappers = ';
const HAR_END = '      const onMessageWrappers = ';

/** The polyfill's source with its API table cut to CONTENT_SCRIPT_APIS. Throws, naming what
 *  it missed, when the polyfill is not shaped as this was written for (a new version): the
 *  build stops rather than ship a content script wrapping APIs it cannot name. */
export function polyfillForContentScript(source: string): string {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start < 0 || end < 0)
    throw new Error('webextension-polyfill: its API table (`const apiMetadata = {…}`) was not found');
  const table = JSON.parse(source.slice(start + START.length, end)) as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const call of CONTENT_SCRIPT_CALLS) {
    const names = call.split('.');
    const method = names.pop()!;
    let from: Record<string, unknown> | undefined = table;
    let to = kept;
    for (const name of names) {
      from = from?.[name] as Record<string, unknown> | undefined;
      to = (to[name] ??= {}) as Record<string, unknown>;
    }
    if (from?.[method] === undefined) missing.push(call);
    else to[method] = from[method];
  }
  if (missing.length > 0) throw new Error(`webextension-polyfill: its API table has no ${missing.join(', ')}`);
  // (Such a call would need the polyfill's branch for an API without callbacks, with several
  // answers, or for a wildcard, left out below.)
  const unsupported = JSON.stringify(kept).match(/"(fallbackToNoCallback|noCallback|singleCallbackArg|\*)"/);
  if (unsupported) throw new Error(`webextension-polyfill: a call the content script makes has ${unsupported[1]}`);
  const cut = source.slice(0, start + START.length) + JSON.stringify(kept) + source.slice(end);
  // The `privacy` settings' entry, added to the table in code: no content script has `privacy`.
  let out = cutOut(cut, PRIVACY, PRIVACY_END, 'its `privacy` entry', true);
  // The wrapper of devtools' network events: no content script has `devtools`.
  out = cutOut(out, HAR, HAR_END, 'its devtools wrapper', false);
  for (const [long, short] of SHORTER) {
    if (!out.includes(long)) throw new Error(`webextension-polyfill: its message ${long.slice(0, 30)}… was not found`);
    out = out.replaceAll(long, short);
  }
  return out;
}

/** `source` without the stretch from `from` to `to` (`to` too, with `withEnd`). Throws, naming
 *  `what`, when either is not found. */
function cutOut(source: string, from: string, to: string, what: string, withEnd: boolean): string {
  const start = source.indexOf(from);
  const end = source.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`webextension-polyfill: ${what} was not found`);
  return source.slice(0, start) + source.slice(withEnd ? end + to.length : end);
}

/** The polyfill's messages for a wrong call, made short, its checks for a missing runtime and an
 *  empty table left out (170 bytes gzipped, issue 6), and its branches and wrappers for what the
 *  three calls the content script keeps never need (the build checks those calls' table above):
 *  the content script makes the same few calls every time. */
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
  // (For an API the table marks as taking no callback, or perhaps none: none of the three.)
  [
    `            if (metadata.fallbackToNoCallback) {
              // This API method has currently no callback on Chrome, but it return a promise on Firefox,
              // and so the polyfill will try to call it with a callback first, and it will fallback
              // to not passing the callback if the first call fails.
              try {
                target[name](...args, makeCallback({
                  resolve,
                  reject
                }, metadata));
              } catch (cbError) {
                console.warn(\`\${name} API method doesn't seem to support the callback parameter, \` + "falling back to call it without a callback: ", cbError);
                target[name](...args);

                // Update the API method metadata, so that the next API calls will not try to
                // use the unsupported callback anymore.
                metadata.fallbackToNoCallback = false;
                metadata.noCallback = true;
                resolve();
              }
            } else if (metadata.noCallback) {
              target[name](...args);
              resolve();
            } else {
              target[name](...args, makeCallback({
                resolve,
                reject
              }, metadata));
            }`,
    '            target[name](...args, makeCallback({ resolve, reject }, metadata));',
  ],
  // (The wrappers of what a content script cannot reach, or does not use: devtools, the
  // messages of other extensions, tabs.)
  [
    `      const staticWrappers = {
        devtools: {
          network: {
            onRequestFinished: wrapEvent(onRequestFinishedWrappers)
          }
        },
        runtime: {
          onMessage: wrapEvent(onMessageWrappers),
          onMessageExternal: wrapEvent(onMessageWrappers),
          sendMessage: wrappedSendMessage.bind(null, "sendMessage", {
            minArgs: 1,
            maxArgs: 3
          })
        },
        tabs: {
          sendMessage: wrappedSendMessage.bind(null, "sendMessage", {
            minArgs: 2,
            maxArgs: 3
          })
        }
      };`,
    `      const staticWrappers = {
        runtime: {
          onMessage: wrapEvent(onMessageWrappers),
          sendMessage: wrappedSendMessage.bind(null, "sendMessage", {
            minArgs: 1,
            maxArgs: 3
          })
        }
      };`,
  ],
  // (Each of the three calls answers its callback with one value.)
  [
    `          } else if (metadata.singleCallbackArg || callbackArgs.length <= 1 && metadata.singleCallbackArg !== false) {
            promise.resolve(callbackArgs[0]);
          } else {
            promise.resolve(callbackArgs);
          }`,
    `          } else {
            promise.resolve(callbackArgs[0]);
          }`,
  ],
  // (No namespace the content script uses has its methods described by a wildcard: the
  // build checks.)
  [
    `            } else if (hasOwnProperty(metadata, "*")) {
              // Wrap all properties in * namespace.
              value = wrapObject(value, wrappers[prop], metadata["*"]);
            } else {`,
    '            } else {',
  ],
  [
    `                get() {
                  return target[prop];
                },
                set(value) {
                  target[prop] = value;
                }`,
    `                get() {
                  return target[prop];
                }`,
  ],
  // (The content script sets, defines and deletes nothing on `browser`: what it would have
  // done so goes to the object the wrapper stands on.)
  [
    `,
          set(proxyTarget, prop, value, receiver) {
            if (prop in cache) {
              cache[prop] = value;
            } else {
              target[prop] = value;
            }
            return true;
          },
          defineProperty(proxyTarget, prop, desc) {
            return Reflect.defineProperty(cache, prop, desc);
          },
          deleteProperty(proxyTarget, prop) {
            return Reflect.deleteProperty(cache, prop);
          }`,
    '',
  ],
  // (What a listener's failure without a message of its own says, and the log when even that
  // reply cannot go: the content script's listeners answer or return nothing.)
  ['"An unexpected error occurred"', '"error"'],
  ['"Failed to send onMessage rejected reply"', '"no reply"'],
];

export function contentScriptPolyfill(): Plugin {
  return {
    name: 'context-overlays-content-script-polyfill',
    transform: (code, id) => (POLYFILL.test(id) ? { code: polyfillForContentScript(code), map: null } : undefined),
  };
}
