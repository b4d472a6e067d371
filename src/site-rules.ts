// Which site a page belongs to and whether the extension runs there: pure functions of a URL
// and the settings, tested as tables (Dark Reader's isURLEnabled pattern).
import type { Settings } from './settings-schema';

/** Label used as the "site" of local files. */
export const LOCAL_FILES = 'file://';

/** The site of a URL: its host name (port ignored, `localhost` and `127.0.0.1` distinct), or
 *  `file://` for local files; null where the extension cannot run. */
export function siteOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'file:') return LOCAL_FILES;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.hostname.toLowerCase().replace(/\.$/, '') || null;
}

export function isSiteEnabled(site: string | null, settings: Settings): boolean {
  return site !== null && !settings.disabledSites.includes(site);
}

export function isEnabledFor(url: string, settings: Settings): boolean {
  return isSiteEnabled(siteOf(url), settings);
}

/** The settings with one site switched on or off; other sites untouched. */
export function withSite(settings: Settings, site: string, enabled: boolean): Settings {
  const others = settings.disabledSites.filter((s) => s !== site);
  return { ...settings, disabledSites: enabled ? others : [...others, site] };
}
