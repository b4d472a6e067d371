// Which site a page belongs to and whether the extension runs there: pure functions of a URL
// and the settings, tested as tables (Dark Reader's isURLEnabled pattern).
import type { Settings, SiteRule } from './settings-schema';

/** The pages the content script runs on (its match patterns; in Chrome also the hosts the
 *  background may run the card's UI in, see src/page/card-ui.ts). */
export const PAGE_PATTERNS = ['http://*/*', 'https://*/*', 'file:///*'];

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
  if (isClosedToExtensions(parsed.hostname)) return null;
  return parsed.hostname.toLowerCase().replace(/\.$/, '') || null;
}

/** Web stores where browsers never run extension content scripts. */
function isClosedToExtensions(hostname: string): boolean {
  return (
    hostname === 'chromewebstore.google.com' ||
    hostname === 'addons.mozilla.org' ||
    hostname === 'microsoftedge.microsoft.com'
  );
}

/** Does `rule` cover `site`? A rule for example.com covers www.example.com only when it
 *  includes subdomains; `www.` is not special (it is a subdomain like any other). */
export function ruleCovers(rule: SiteRule, site: string): boolean {
  if (rule.host === site) return true;
  // An IP address has no subdomains: 10.0.0.1 must not fall under a rule for "0.0.1".
  if (IP_ADDRESS.test(site)) return false;
  return rule.includeSubdomains && site.endsWith(`.${rule.host}`);
}

const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** The rule that decides for a site: an exact rule first, then the covering rule with the
 *  longest host (news.example.com beats example.com). */
export function ruleFor(site: string, settings: Settings): SiteRule | null {
  let best: SiteRule | null = null;
  for (const rule of settings.sites) {
    if (!ruleCovers(rule, site)) continue;
    if (rule.host === site) return rule;
    if (!best || rule.host.length > best.host.length) best = rule;
  }
  return best;
}

export function isSiteEnabled(site: string | null, settings: Settings): boolean {
  if (site === null || settings.paused) return false;
  const rule = ruleFor(site, settings);
  return rule ? rule.enabled : settings.mode === 'everywhere';
}

export function isEnabledFor(url: string, settings: Settings): boolean {
  return isSiteEnabled(siteOf(url), settings);
}

/** The settings with `site` switched on or off, the smallest change that does it: its own
 *  rule is dropped when the mode or a covering rule already gives the wanted state. */
export function withSite(settings: Settings, site: string, enabled: boolean): Settings {
  const others = settings.sites.filter((r) => r.host !== site);
  const without = { ...settings, sites: others };
  if (isSiteEnabled(site, { ...without, paused: false }) === enabled) return without;
  const own = settings.sites.find((r) => r.host === site);
  return {
    ...settings,
    sites: [...others, { host: site, includeSubdomains: own?.includeSubdomains ?? false, enabled }],
  };
}
