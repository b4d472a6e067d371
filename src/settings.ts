// The one settings store. Declared once, with its version and migration; kept in sync
// storage so choices follow the reader between browsers, with a local copy when sync is
// unavailable or full (sync allows 8 KB per item; a long site list can outgrow it).
//
// Laid out as @wxt-dev/storage laid it out before this file replaced it (7.6 KB of the
// content script for two items): the value under its key and `{ v: version }` under the key
// plus `$`; a value without that version is version 1. So no reader's settings are lost on
// update, and a build that still uses @wxt-dev/storage reads what this one writes.
import { browser } from 'wxt/browser';
import {
  DEFAULT_SETTINGS,
  migrateV1toV2,
  readStored,
  SETTINGS_VERSION,
  type Settings,
  type SettingsV1,
} from './settings-schema';
import { dropSettingsHint } from './settings-hint';
import { withSite } from './site-rules';

interface Item {
  area: 'sync' | 'local';
  key: string;
}
const syncItem: Item = { area: 'sync', key: 'settings' };
/** Holds the settings only while sync storage refuses them; cleared when sync works again. */
const localItem: Item = { area: 'local', key: 'settings-fallback' };
const versionKey = (item: Item) => `${item.key}$`;

/** The changes of this page (popup, options page, background), one after another. */
let updates: Promise<unknown> = Promise.resolve();

/** The store as extension pages read it: settings an older version stored are migrated. */
export const settingsStore = /* @__PURE__ */ storeOf(migrateItem);
/** The store as the content script reads it: settings of an older version read as none (the
 *  defaults, or the other copy) until the background migrates them, which it does as it starts
 *  (an update starts it). The migration stays out of the script every page runs. */
export const pageSettingsStore = /* @__PURE__ */ storeOf();

/** For the background: migrates settings an older version stored now and whenever they
 *  appear (sync brings them from a browser with an older version), so that content scripts,
 *  which read only current ones (pageSettingsStore), see them. Reading is what migrates. */
export function keepSettingsCurrent(): () => void {
  void settingsStore.get();
  return settingsStore.watch(() => {});
}

function storeOf(migrate?: Migration) {
  const store = {
    async get(): Promise<Settings> {
      // Both reads at once: every content script waits for this before its first mark, and each
      // storage reply queues behind the page's own tasks (README, Performance).
      const [local, synced] = await Promise.all([
        read(localItem, migrate).catch(() => null),
        read(syncItem, migrate).catch(() => null),
      ]);
      return local ?? synced ?? { ...DEFAULT_SETTINGS };
    },

    /** Calls back with the current settings whenever either copy changes. */
    watch(callback: (settings: Settings) => void): () => void {
      return watchWrites(() => void store.get().then(callback));
    },
  };
  return store;
}

/** Calls back at once, in the change's own event, whenever either copy of the settings changes
 *  (the background takes the settings hint away before it reads them: src/settings-hint.ts). */
export function watchWrites(callback: () => void): () => void {
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    const item = [syncItem, localItem].find((i) => i.area === area);
    // Firefox reports writes that change nothing; @wxt-dev/storage skipped those too. (The
    // version counts too: a migration, or a value of an older version, may change it alone.)
    const changed = (key: string) => JSON.stringify(changes[key]?.newValue) !== JSON.stringify(changes[key]?.oldValue);
    if (item && (changed(item.key) || changed(versionKey(item)))) callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

// Writes are functions of their own, not methods of the store: the content script only reads,
// and leaves them out of its bundle (held to 30 KB gzipped, issue 6).

/** Applies `change` to the settings as stored, one change after another: two made in a row
 *  (a style, then a delay, before the first has been written) must not undo each other. */
export function updateSettings(change: (settings: Settings) => Settings): Promise<Settings> {
  const next = updates.then(async () => {
    const settings = change(await settingsStore.get());
    await save(settings);
    return settings;
  });
  updates = next.catch(() => undefined);
  return next;
}

export function setSiteEnabled(site: string, enabled: boolean): Promise<Settings> {
  return updateSettings((s) => withSite(s, site, enabled));
}

async function save(settings: Settings): Promise<void> {
  // Before the write: no page may start with the defaults once these are stored.
  await dropSettingsHint(settings);
  try {
    await write(syncItem, settings);
    // Only the value: @wxt-dev/storage's removeValue() left the version behind too.
    await browser.storage.local.remove(localItem.key);
  } catch {
    await write(localItem, settings);
  }
  // (Written: should this fail, the background takes the hint away as it hears of the write.)
  await dropSettingsHint(settings).catch(() => {});
}

/** What a stored value reads as on extension pages, from its stored version (see storeOf). */
type Migration = (item: Item, value: unknown, version: unknown) => Promise<Settings | null>;

/** The item's settings; null if it holds none, or, without `migrate`, if they are not of the
 *  current version. */
async function read(item: Item, migrate?: Migration): Promise<Settings | null> {
  const stored: Record<string, unknown> = await browser.storage[item.area].get([item.key, versionKey(item)]);
  const value = stored[item.key];
  if (value == null) return null;
  const version = (stored[versionKey(item)] as { v?: unknown } | null | undefined)?.v;
  if (migrate) return migrate(item, value, version);
  return (version as number) >= SETTINGS_VERSION ? readStored(value) : null;
}

/**
 * Version 1 (no version stored, or a version-1 build's write under a later version's key: it
 * writes the value alone) to the current one. Written back so that the migration runs once
 * and every version reads the stored copy; awaited so it cannot land after a newer write. A
 * value of the current shape that lost its version keeps what it holds (as version 1 it would
 * be the defaults). Sync storage that refuses the larger current shape (8 KB an item) leaves
 * it in the local copy, unless that holds newer settings; if that fails too, the next read
 * migrates again.
 */
async function migrateItem(item: Item, value: unknown, version: unknown): Promise<Settings | null> {
  const v1 = value as SettingsV1 | null;
  const old = Array.isArray(v1?.disabledSites);
  if (!old && (version as number) >= SETTINGS_VERSION) return readStored(value);
  const migrated = old ? migrateV1toV2(v1) : (readStored(value) ?? migrateV1toV2(v1));
  await write(item, migrated)
    .catch(async () => {
      if (item === syncItem && (await read(localItem, migrateItem)) === null) await write(localItem, migrated);
    })
    .catch(() => {});
  return migrated;
}

function write(item: Item, settings: Settings): Promise<void> {
  return browser.storage[item.area].set({ [item.key]: settings, [versionKey(item)]: { v: SETTINGS_VERSION } });
}
