// The hint that the settings are the defaults (src/settings-hint.ts): registered exactly while
// they draw every page as the defaults do, and gone before any other settings are written.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeScripting } from './fake-scripting';
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

describe('the settings hint', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  const defaults = () => Promise.resolve({ ...DEFAULT_SETTINGS });
  const paused = () => Promise.resolve({ ...DEFAULT_SETTINGS, paused: true });

  it('is registered while the settings draw as the defaults, and removed when not', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint(defaults, false);
    expect([...registered]).toEqual([SETTINGS_HINT_ID]);
    expect(events).toEqual(['register settings-hint.js document_start top frame']);
    await keepSettingsHint(defaults, false);
    await keepSettingsHint(paused);
    expect(registered.size).toBe(0);
    expect(events).toEqual(['register settings-hint.js document_start top frame', 'unregister']);
  });

  it('goes at once when the settings change, before they are read', async () => {
    const { registered } = fakeScripting();
    await keepSettingsHint(defaults, false);
    let answer = () => {};
    const answered = new Promise<Settings>((resolve) => (answer = () => resolve({ ...DEFAULT_SETTINGS })));
    const kept = keepSettingsHint(() => answered);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(registered.size).toBe(0);
    answer();
    await kept;
    expect(registered.size).toBe(1);
  });

  it('follows the last of two changes heard at once', async () => {
    const { registered } = fakeScripting();
    // Each reads the settings as they stood when it did: the first the defaults, the second a pause.
    await Promise.all([keepSettingsHint(defaults), keepSettingsHint(paused)]);
    expect(registered.size).toBe(0);
  });

  it('goes again if the settings changed while it was being registered', async () => {
    const { registered, events } = fakeScripting();
    let reads = 0;
    await keepSettingsHint(() => (reads++ === 0 ? defaults() : paused()), false);
    expect(registered.size).toBe(0);
    expect(events).toEqual(['register settings-hint.js document_start top frame', 'unregister']);
  });

  it('is gone before settings that do not draw as the defaults are written', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint(defaults, false);
    await setSiteEnabled('news.example.com', false);
    expect(registered.size).toBe(0);
    expect(events.slice(1)).toEqual(['unregister', 'write']);
  });

  it('is removed after the write too, when the background registered it meanwhile', async () => {
    const { registered, events } = fakeScripting();
    const set = fakeBrowser.storage.sync.set.bind(fakeBrowser.storage.sync);
    // (The background, having read the settings before this write, registers the hint during it.)
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockImplementation(async (items) => {
      await fakeBrowser.scripting.registerContentScripts([
        { id: SETTINGS_HINT_ID, js: ['settings-hint.js'], matches: ['<all_urls>'], runAt: 'document_start' },
      ]);
      await set(items);
    });
    await setSiteEnabled('news.example.com', false);
    expect(registered.size).toBe(0);
    expect(events).toEqual(['register settings-hint.js document_start top frame', 'write', 'unregister']);
  });

  it('is removed, not reported missing, when it was registered just after a removal found none', async () => {
    const { registered, events } = fakeScripting();
    const unregister = fakeBrowser.scripting.unregisterContentScripts.bind(fakeBrowser.scripting);
    let calls = 0;
    fakeBrowser.scripting.unregisterContentScripts = async (filter) => {
      if (calls++ > 0) return unregister(filter);
      registered.add(SETTINGS_HINT_ID);
      throw new Error(`Nonexistent script ID '${SETTINGS_HINT_ID}'`);
    };
    await setSiteEnabled('news.example.com', false);
    expect(registered.size).toBe(0);
    expect(events).toEqual(['unregister', 'write']);
  });

  it('stops the write when it cannot be taken away', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint(defaults, false);
    Object.assign(fakeBrowser.scripting, {
      unregisterContentScripts: () => Promise.reject(new Error('the browser said no')),
    });
    await expect(setSiteEnabled('news.example.com', false)).rejects.toThrow('the browser said no');
    expect([...registered]).toEqual([SETTINGS_HINT_ID]);
    expect(events.slice(1)).toEqual([]);
  });

  it('stays while a change keeps the settings drawing as the defaults', async () => {
    const { registered, events } = fakeScripting();
    await keepSettingsHint(defaults, false);
    await updateSettings((s) => ({ ...s, sites: [{ host: 'a.example', includeSubdomains: false, enabled: true }] }));
    expect([...registered]).toEqual([SETTINGS_HINT_ID]);
    expect(events.slice(1)).toEqual(['write']);
  });
});
