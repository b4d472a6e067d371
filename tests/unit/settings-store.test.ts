import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { fakeScripting } from './fake-scripting';
import { storage } from 'wxt/utils/storage';
import {
  keepSettingsCurrent,
  pageSettingsStore,
  settingsStore,
  setSiteEnabled,
  updateSettings,
} from '../../src/settings';
import { DEFAULT_SETTINGS, migrateV1toV2, type Settings, type SettingsV1 } from '../../src/settings-schema';

const offSite = (host: string) => ({ host, includeSubdomains: false, enabled: false });

/** The item as src/settings.ts declared it while it used @wxt-dev/storage (before 0.2). */
const oldSyncItem = () =>
  storage.defineItem<Settings>('sync:settings', {
    fallback: DEFAULT_SETTINGS,
    version: 2,
    migrations: { 2: (old: SettingsV1) => migrateV1toV2(old) },
  });

describe('the settings store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    fakeScripting();
  });

  it('keeps settings in sync storage', async () => {
    await setSiteEnabled('news.example.com', false);
    const { settings } = await fakeBrowser.storage.sync.get('settings');
    expect(settings).toMatchObject({ sites: [{ host: 'news.example.com', enabled: false }] });
    expect((await settingsStore.get()).sites).toHaveLength(1);
  });

  it('keeps both of two changes made in a row, before the first is written', async () => {
    await Promise.all([
      updateSettings((s) => ({ ...s, highlightStyle: 'underline' })),
      updateSettings((s) => ({ ...s, hoverDelayMs: 1000 })),
      setSiteEnabled('news.example.com', false),
    ]);
    expect(await settingsStore.get()).toMatchObject({
      highlightStyle: 'underline',
      hoverDelayMs: 1000,
      sites: [{ host: 'news.example.com', enabled: false }],
    });
  });

  it('gives the defaults when nothing is stored', async () => {
    expect(await settingsStore.get()).toEqual(DEFAULT_SETTINGS);
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
    vi.resetModules();
    const fresh = await import('../../src/settings');
    expect(await fresh.settingsStore.get()).toEqual({ ...DEFAULT_SETTINGS, sites: [offSite('old.example')] });
  });

  it('migrates a version 1 value (no `settings$` version) once, and stores it as version 2', async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabledSites: ['old.example', 7] } });
    const migrated = { ...DEFAULT_SETTINGS, sites: [offSite('old.example')] };
    expect(await settingsStore.get()).toEqual(migrated);
    expect(await fakeBrowser.storage.sync.get(['settings', 'settings$'])).toEqual({
      settings: migrated,
      settings$: { v: 2 },
    });
    expect(await settingsStore.get()).toEqual(migrated);
  });

  it('gives the content script no settings of an older version: the background migrates them, and it hears of that', async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabledSites: ['old.example'] } });
    expect(await pageSettingsStore.get()).toEqual(DEFAULT_SETTINGS);
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({});
    const heard = new Promise<Settings>((resolve) => pageSettingsStore.watch(resolve));
    const migrated = { ...DEFAULT_SETTINGS, sites: [offSite('old.example')] };
    keepSettingsCurrent(); // (as the background does when it starts)
    expect(await settingsStore.get()).toEqual(migrated);
    expect(await heard).toEqual(migrated);
    expect(await pageSettingsStore.get()).toEqual(migrated);
  });

  it('keeps a value of the current shape that lost its version, rather than migrating it to the defaults', async () => {
    const saved = { ...DEFAULT_SETTINGS, sites: [offSite('kept.example')] };
    await fakeBrowser.storage.sync.set({ settings: saved });
    expect(await settingsStore.get()).toEqual(saved);
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: 2 } });
  });

  it('migrates what a version-1 build wrote under the current version (it writes the value alone)', async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabledSites: ['old.example'] }, settings$: { v: 2 } });
    const migrated = { ...DEFAULT_SETTINGS, sites: [offSite('old.example')] };
    expect(await settingsStore.get()).toEqual(migrated);
    expect(await pageSettingsStore.get()).toEqual(migrated);
  });

  it('keeps a migration that sync storage refuses (too large) in the local copy, where pages read it', async () => {
    const hosts = Array.from({ length: 3 }, (_, i) => `site${i}.example`);
    await fakeBrowser.storage.sync.set({ settings: { disabledSites: hosts } });
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const migrated = { ...DEFAULT_SETTINGS, sites: hosts.map(offSite) };
    expect(await settingsStore.get()).toEqual(migrated);
    expect(await pageSettingsStore.get()).toEqual(migrated);
  });

  it('migrates a version 1 local fallback copy too, and prefers it to the sync copy', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, paused: true }, settings$: { v: 2 } });
    await fakeBrowser.storage.local.set({ 'settings-fallback': { disabledSites: ['local.example'] } });
    expect(await settingsStore.get()).toEqual({ ...DEFAULT_SETTINGS, sites: [offSite('local.example')] });
    expect(await fakeBrowser.storage.local.get('settings-fallback$')).toEqual({ 'settings-fallback$': { v: 2 } });
  });

  it('reads version 2 settings that @wxt-dev/storage wrote, without migrating them again', async () => {
    const saved: Settings = { ...DEFAULT_SETTINGS, mode: 'listed-only', sites: [offSite('x.example')] };
    await oldSyncItem().setValue(saved);
    expect(await fakeBrowser.storage.sync.get('settings$')).toEqual({ settings$: { v: 2 } });
    expect(await settingsStore.get()).toEqual(saved);
  });

  it('writes settings that @wxt-dev/storage reads as they are (an older build, after a downgrade)', async () => {
    await setSiteEnabled('new.example', false);
    expect(await oldSyncItem().getValue()).toEqual({ ...DEFAULT_SETTINGS, sites: [offSite('new.example')] });
  });

  it('gives the defaults for a corrupt stored value instead of throwing', async () => {
    for (const corrupt of ['{"mode":', 42, ['everywhere'], true]) {
      await fakeBrowser.storage.sync.set({ settings: corrupt, settings$: { v: 2 } });
      expect(await settingsStore.get()).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps every field that parses when others are corrupt', async () => {
    await fakeBrowser.storage.sync.set({
      settings: {
        mode: 'listed-only',
        paused: 'yes',
        hoverDelayMs: 400,
        highlightStyle: 'glow',
        hiddenTopics: ['fitrat'],
        sites: [{ host: 'a.example', enabled: true }, { host: 12 }, null, { host: 'b.example', enabled: false }],
      },
      settings$: { v: 2 },
    });
    expect(await settingsStore.get()).toEqual({
      ...DEFAULT_SETTINGS,
      mode: 'listed-only',
      hoverDelayMs: 400,
      hiddenTopics: ['fitrat'],
      sites: [
        { host: 'a.example', includeSubdomains: false, enabled: true },
        { host: 'b.example', includeSubdomains: false, enabled: false },
      ],
    });
  });

  it('ignores a corrupt local fallback copy and reads the sync one', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, paused: true }, settings$: { v: 2 } });
    await fakeBrowser.storage.local.set({ 'settings-fallback': 'garbage', 'settings-fallback$': { v: 2 } });
    expect((await settingsStore.get()).paused).toBe(true);
  });

  it('calls watchers when either copy changes, not for other keys or after unwatching', async () => {
    const seen: boolean[] = [];
    const unwatch = settingsStore.watch((s) => seen.push(s.paused));
    await updateSettings((s) => ({ ...s, paused: true }));
    await fakeBrowser.storage.sync.set({ unrelated: 1 });
    await fakeBrowser.storage.local.set({
      'settings-fallback': { ...DEFAULT_SETTINGS },
      'settings-fallback$': { v: 2 },
    });
    await vi.waitFor(() => expect(seen).toEqual([true, false]));
    unwatch();
    await updateSettings((s) => ({ ...s, paused: true }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toEqual([true, false]);
  });
});
