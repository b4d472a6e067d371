// The one settings store. Declared once, with its version and migration; kept in sync
// storage so choices follow the reader between browsers, with a local copy when sync is
// unavailable or full (sync allows 8 KB per item; a long site list can outgrow it).
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, migrateV1toV2, SETTINGS_VERSION, type Settings, type SettingsV1 } from './settings-schema';
import { withSite } from './site-rules';

const options = {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: { 2: (old: SettingsV1) => migrateV1toV2(old) },
};
const syncItem = storage.defineItem<Settings>('sync:settings', options);
/** Holds the settings only while sync storage refuses them; cleared when sync works again. */
const localItem = storage.defineItem<Settings | null>('local:settings-fallback', {
  fallback: null,
  version: SETTINGS_VERSION,
  migrations: { 2: (old: SettingsV1 | null) => (old ? migrateV1toV2(old) : null) },
});

export const settingsStore = {
  async get(): Promise<Settings> {
    // Both reads at once: every content script waits for this before its first mark, and each
    // storage reply queues behind the page's own tasks (README, Performance).
    const [local, synced] = await Promise.all([
      localItem.getValue().catch(() => null),
      syncItem.getValue().catch(() => DEFAULT_SETTINGS),
    ]);
    return { ...DEFAULT_SETTINGS, ...(local ?? synced) };
  },

  async set(settings: Settings): Promise<void> {
    try {
      await syncItem.setValue(settings);
      await localItem.removeValue();
    } catch {
      await localItem.setValue(settings);
    }
  },

  /** Calls back with the current settings whenever either copy changes. */
  watch(callback: (settings: Settings) => void): () => void {
    const changed = () => void settingsStore.get().then(callback);
    const unwatchSync = syncItem.watch(changed);
    const unwatchLocal = localItem.watch(changed);
    return () => {
      unwatchSync();
      unwatchLocal();
    };
  },

  async update(change: (settings: Settings) => Settings): Promise<Settings> {
    const next = change(await settingsStore.get());
    await settingsStore.set(next);
    return next;
  },
};

export function setSiteEnabled(site: string, enabled: boolean): Promise<Settings> {
  return settingsStore.update((s) => withSite(s, site, enabled));
}
