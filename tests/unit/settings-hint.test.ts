// The hint that the settings are the defaults (src/settings-hint.ts): registered exactly while
// they draw every page as the defaults do, and gone before any other settings are written.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { setSiteEnabled, updateSettings } from '../../src/settings';
import { keepSettingsHint, SETTINGS_HINT_ID } from '../../src/settings-hint';
import { DEFAULT_SETTINGS, drawsAsDefaults, type Settings } from '../../src/settings-schema';

/** Settings that differ from the defaults in one field each: all of them, so a new setting
 *  cannot be left out of drawsAsDefaults unnoticed. */
const changed: { [K in keyof Settings]: Settings[K] } = {
  mode: 'listed-only',
  sites: [{ host: 'news.example.com', includeSubdomains: false, enabled: false }],
  paused: true,
  highlightStyle: 'underline',
  hoverDelayMs: 600,
  hiddenTopics: ['fitrat'],
};

describe('settings that draw as the defaults', () => {
  it('are the defaults, and the defaults with a site switched on', () => {
    expect(drawsAsDefaults({ ...DEFAULT_SETTINGS })).toBe(true);
    const on = { host: 'news.example.com', includeSubdomains: true, enabled: true };
    expect(drawsAsDefaults({ ...DEFAULT_SETTINGS, sites: [on] })).toBe(true);
  });

  it('are not settings with any one field changed', () => {
    expect(Object.keys(changed).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
    for (const [field, value] of Object.entries(changed)) {
      expect(drawsAsDefaults({ ...DEFAULT_SETTINGS, [field]: value }), field).toBe(false);
    }
  });
});

/** Chrome's registered content scripts, in memory, with what happened to them in order. */
function fakeScripting() {
  const registered = new Set<string>();
  const events: string[] = [];
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  Object.assign(fakeBrowser.scripting, {
    async getRegisteredContentScripts(filter: { ids: string[] }) {
      await tick();
      return filter.ids.filter((id) => registered.has(id)).map((id) => ({ id }));
    },
    async registerContentScripts(scripts: { id: string; js: string[]; runAt: string }[]) {
      await tick();
      for (const script of scripts) {
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        registered.add(script.id);
        events.push(`register ${script.js.join()} ${script.runAt}`);
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

describe('the settings hint', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is registered while the settings draw as the defaults, and removed when not', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint({ ...DEFAULT_SETTINGS });
    expect([...registered]).toEqual([SETTINGS_HINT_ID]);
    expect(events).toEqual(['register settings-hint.js document_start']);
    await keepSettingsHint({ ...DEFAULT_SETTINGS, paused: true });
    expect(registered.size).toBe(0);
    await keepSettingsHint({ ...DEFAULT_SETTINGS, hiddenTopics: ['bagram'] });
    expect(events).toEqual(['register settings-hint.js document_start', 'unregister']);
  });

  it('follows the last of two changes heard at once', async () => {
    const { registered } = fakeScripting();
    // (Each looks at what is registered before it acts: taken together, the second would see
    // no hint, find nothing to remove, and leave the first one's hint behind.)
    await Promise.all([
      keepSettingsHint({ ...DEFAULT_SETTINGS }),
      keepSettingsHint({ ...DEFAULT_SETTINGS, paused: true }),
    ]);
    expect(registered.size).toBe(0);
  });

  it('is gone before settings that do not draw as the defaults are written', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint({ ...DEFAULT_SETTINGS });
    await setSiteEnabled('news.example.com', false);
    expect(registered.size).toBe(0);
    expect(events.slice(1)).toEqual(['unregister', 'write']);
  });

  it('stays while a change keeps the settings drawing as the defaults', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint({ ...DEFAULT_SETTINGS });
    await updateSettings((s) => ({ ...s, sites: [{ host: 'a.example', includeSubdomains: false, enabled: true }] }));
    expect([...registered]).toEqual([SETTINGS_HINT_ID]);
    expect(events.slice(1)).toEqual(['write']);
  });
});
