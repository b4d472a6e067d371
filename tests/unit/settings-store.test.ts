import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { settingsStore, setSiteEnabled } from '../../src/settings';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';

describe('the settings store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('keeps settings in sync storage', async () => {
    await setSiteEnabled('news.example.com', false);
    const { settings } = await fakeBrowser.storage.sync.get('settings');
    expect(settings).toMatchObject({ sites: [{ host: 'news.example.com', enabled: false }] });
    expect((await settingsStore.get()).sites).toHaveLength(1);
  });

  it('falls back to local storage when sync refuses the write, and back when it works again', async () => {
    const refuse = vi
      .spyOn(fakeBrowser.storage.sync, 'set')
      .mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    await setSiteEnabled('a.example', false);
    expect((await settingsStore.get()).sites.map((s) => s.host)).toEqual(['a.example']);
    expect(await fakeBrowser.storage.local.get('settings-fallback')).toHaveProperty('settings-fallback');
    refuse.mockRestore();
    await setSiteEnabled('b.example', false);
    expect((await settingsStore.get()).sites.map((s) => s.host)).toEqual(['a.example', 'b.example']);
    expect(await fakeBrowser.storage.local.get('settings-fallback')).toEqual({});
  });

  it('migrates what version 0.1.0 stored when the new version starts', async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabledSites: ['old.example'] } });
    // Migrations run when the store is declared, i.e. when the updated extension loads.
    vi.resetModules();
    const fresh = await import('../../src/settings');
    expect(await fresh.settingsStore.get()).toEqual({
      ...DEFAULT_SETTINGS,
      sites: [{ host: 'old.example', includeSubdomains: false, enabled: false }],
    });
  });
});
