// Most readers never change a setting, yet every page waited for the stored settings before its
// first mark: the content script asks storage at document_start, and on a long page the answer
// can queue behind the page's first layout. On the benchmark's 1 MB page that put the marks
// 171–219 ms after DOMContentLoaded in 6 of 16 loads; started at once with the defaults, all 16
// were marked within 25 ms (tests/bench/HISTORY.md). So while the stored settings draw every
// page as the defaults do (drawsAsDefaults), the background registers a one-line content
// script, run just after the manifest's, that tells it so (src/page/defaults-hint.ts); the
// content script then starts with the defaults in its first task, and still applies the stored
// settings when they come.
//
// A page must never be drawn with settings it should not be: every write of settings that do
// not draw as the defaults takes the hint away first (settings.ts), and the background puts it
// back once the stored settings draw as the defaults again. (Settings synced from another
// browser land without that: until the background hears of them, a page starts with the
// defaults and switches as they reach it.) Chrome only: Firefox's build has no `scripting`.
import { browser } from 'wxt/browser';
import { drawsAsDefaults, type Settings } from './settings-schema';
import { PAGE_PATTERNS } from './site-rules';

export const SETTINGS_HINT_ID = 'settings-are-defaults';
/** The hint's file in the build (entrypoints/settings-hint.ts). */
const SCRIPT = 'settings-hint.js';

/** Registrations and removals, one after another (two at once would register it twice). */
let queue: Promise<unknown> = Promise.resolve();
const inTurn = (task: () => Promise<unknown>): Promise<void> => {
  const next = queue.then(task).catch(() => undefined);
  queue = next;
  return next as Promise<void>;
};

const scripting = () => (import.meta.env.FIREFOX ? undefined : browser.scripting);

/** Registers the hint if `settings` draw as the defaults, and removes it if not. */
export function keepSettingsHint(settings: Settings): Promise<void> {
  return inTurn(async () => {
    const api = scripting();
    if (!api) return;
    const registered = (await api.getRegisteredContentScripts({ ids: [SETTINGS_HINT_ID] })).length > 0;
    const wanted = drawsAsDefaults(settings);
    if (wanted && !registered) {
      await api.registerContentScripts([
        {
          id: SETTINGS_HINT_ID,
          js: [SCRIPT],
          matches: PAGE_PATTERNS,
          allFrames: true,
          runAt: 'document_start',
          // So the first page after the browser starts has it too.
          persistAcrossSessions: true,
        },
      ]);
    } else if (!wanted && registered) await api.unregisterContentScripts({ ids: [SETTINGS_HINT_ID] });
  });
}

/** Removes the hint before settings that do not draw as the defaults are written. */
export function dropSettingsHint(settings: Settings): Promise<void> {
  if (drawsAsDefaults(settings)) return Promise.resolve();
  return inTurn(async () => {
    await scripting()?.unregisterContentScripts({ ids: [SETTINGS_HINT_ID] });
  });
}
