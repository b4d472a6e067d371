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
// A page should not start with the defaults where the settings say otherwise: the popup and the
// options page take the hint away before and after they write settings that do not draw as
// the defaults (settings.ts), and the background takes it away the moment it hears of any
// change and puts it back only once the stored settings draw as the defaults again. What is
// left is a few milliseconds around a change: settings synced from another browser, or a
// registration of the background's landing just before a write, where a page that starts
// loading then is drawn with the defaults until the stored settings reach it, at once after.
// Chrome only: Firefox's build has no `scripting`.
import { browser } from 'wxt/browser';
import { drawsAsDefaults, type Settings } from './settings-schema';
import { PAGE_PATTERNS } from './site-rules';

export const SETTINGS_HINT_ID = 'settings-are-defaults';
/** The hint's file in the build (entrypoints/settings-hint.ts). */
const SCRIPT = 'settings-hint.js';

/** The background's registrations and removals, one after another. */
let queue: Promise<unknown> = Promise.resolve();
const inTurn = (task: () => Promise<unknown>): Promise<void> => {
  const next = queue.then(task).catch(() => undefined);
  queue = next;
  return next as Promise<void>;
};

const scripting = () => (import.meta.env.FIREFOX ? undefined : browser.scripting);
const ids = [SETTINGS_HINT_ID];
type Scripting = NonNullable<ReturnType<typeof scripting>>;
const isRegistered = async (api: Scripting) => (await api.getRegisteredContentScripts({ ids })).length > 0;

/** For the background, as it starts (`changed` false) and whenever the stored settings change:
 *  registers the hint while the settings `read` gives draw as the defaults, and removes it when
 *  not. After a change the hint goes at once, before the settings are read: a page that loads
 *  meanwhile misses it and waits for storage, as without it. */
export function keepSettingsHint(read: () => Promise<Settings>, changed = true): Promise<void> {
  const api = scripting();
  if (!api) return Promise.resolve();
  const dropped = changed ? api.unregisterContentScripts({ ids }).catch(() => {}) : undefined;
  return inTurn(async () => {
    await dropped;
    // What is registered now, whatever a turn before did while the hint was being dropped.
    const registered = await isRegistered(api);
    if (!drawsAsDefaults(await read())) {
      if (registered) await api.unregisterContentScripts({ ids });
      return;
    }
    if (registered) return;
    await api.registerContentScripts([
      {
        id: SETTINGS_HINT_ID,
        js: [SCRIPT],
        matches: PAGE_PATTERNS,
        // Read in the top frame alone (see entrypoints/content.ts).
        allFrames: false,
        runAt: 'document_start',
        // So the first page after the browser starts has it too.
        persistAcrossSessions: true,
      },
    ]);
    // Settings written while it was being registered (the popup took away no hint then).
    if (!drawsAsDefaults(await read())) await api.unregisterContentScripts({ ids });
  });
}

/** Removes the hint before settings that do not draw as the defaults are written (the popup,
 *  the options page, the background's keyboard command), and again after (a registration for
 *  the settings before, which read them just before the write). Throws, and so stops the
 *  write, if the hint is still there. */
export async function dropSettingsHint(settings: Settings): Promise<void> {
  const api = scripting();
  if (!api || drawsAsDefaults(settings)) return;
  for (let tries = 1; ; tries++) {
    try {
      return await api.unregisterContentScripts({ ids });
    } catch (error) {
      // None was registered (nothing to remove), or the background registered it just after.
      if (!(await isRegistered(api))) return;
      if (tries === 3) throw error;
    }
  }
}
