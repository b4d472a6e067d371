import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from './settings-schema';
import { withSite } from './site-rules';

/** The one stored settings value. `sync:` so the reader's choices follow them between
 *  browsers; Chromium keeps sync storage locally when the profile is not signed in. */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function setSiteEnabled(site: string, enabled: boolean): Promise<void> {
  await settingsItem.setValue(withSite(await settingsItem.getValue(), site, enabled));
}
