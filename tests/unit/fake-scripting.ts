// Chrome's `scripting` API as the settings hint uses it (src/settings-hint.ts), for WXT's fake
// browser, which leaves it unimplemented.
import { fakeBrowser } from 'wxt/testing';

/** Chrome's registered content scripts, in memory, with what happened to them in order. */
export function fakeScripting() {
  const registered = new Set<string>();
  const events: string[] = [];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  Object.assign(fakeBrowser.scripting, {
    async getRegisteredContentScripts(filter: { ids: string[] }) {
      await tick();
      return filter.ids.filter((id) => registered.has(id)).map((id) => ({ id }));
    },
    async registerContentScripts(scripts: { id: string; js: string[]; runAt: string; allFrames: boolean }[]) {
      await tick();
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.add(script.id);
        events.push(`register ${script.js.join()} ${script.runAt} ${script.allFrames ? 'all frames' : 'top frame'}`);
      }
    },
    async unregisterContentScripts(filter: { ids: string[] }) {
      await tick();
      for (const id of filter.ids) {
        if (!registered.delete(id)) throw new Error(`Nonexistent script ID '${id}'`);
        events.push('unregister');
      }
    },
  });
  fakeBrowser.storage.onChanged.addListener((changes) => void ('settings' in changes && events.push('write')));
  return { registered, events };
}
