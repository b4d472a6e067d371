// The reader's settings: their shape, defaults, migrations and import validation. Pure: the
// store that keeps them is src/settings.ts.
import type { TopicId } from './pack/types';

/** A site the reader has a rule for. */
export interface SiteRule {
  /** Host name as siteOf() gives it, or `file://` for local files. */
  host: string;
  /** The rule also covers every subdomain of `host` (news.example.com for example.com). */
  includeSubdomains: boolean;
  /** On or off there, whatever the mode says for other sites. */
  enabled: boolean;
}

export type SiteMode =
  /** On everywhere except sites switched off (the default). */
  | 'everywhere'
  /** Off everywhere except sites switched on (an allow-list). */
  | 'listed-only';

export type HighlightStyle = 'both' | 'underline' | 'tint';

/** Settings as stored, version 2. */
export interface Settings {
  mode: SiteMode;
  sites: SiteRule[];
  /** Off everywhere for now, without forgetting the site rules. */
  paused: boolean;
  highlightStyle: HighlightStyle;
  /** How long the pointer rests on a mark before its card opens. */
  hoverDelayMs: number;
  /** Topics switched off by the reader (absent: on). */
  hiddenTopics: TopicId[];
}

export const SETTINGS_VERSION = 2;
export const HOVER_DELAY_RANGE = { min: 100, max: 1500 } as const;
const HIGHLIGHT_STYLES: readonly HighlightStyle[] = ['both', 'underline', 'tint'];
const MODES: readonly SiteMode[] = ['everywhere', 'listed-only'];

export const DEFAULT_SETTINGS: Settings = {
  mode: 'everywhere',
  sites: [],
  paused: false,
  highlightStyle: 'both',
  hoverDelayMs: 250,
  hiddenTopics: [],
};

/** Whether every page is drawn with `settings` as with the defaults: on everywhere (a rule
 *  that switches a site on changes nothing there), with every topic, the default style and the
 *  default delay. A page may then be marked with the defaults before the stored settings reach
 *  it (src/settings-hint.ts). */
export function drawsAsDefaults(settings: Settings): boolean {
  const defaults = DEFAULT_SETTINGS;
  return (
    settings.mode === defaults.mode &&
    settings.paused === defaults.paused &&
    settings.sites.every((rule) => rule.enabled) &&
    settings.highlightStyle === defaults.highlightStyle &&
    settings.hoverDelayMs === defaults.hoverDelayMs &&
    settings.hiddenTopics.length === 0
  );
}

/** Version 1 (0.1.0) kept only the sites switched off. */
export interface SettingsV1 {
  disabledSites: string[];
}

export function migrateV1toV2(old: SettingsV1 | null | undefined): Settings {
  const sites = Array.isArray(old?.disabledSites) ? old.disabledSites.filter((s) => typeof s === 'string') : [];
  return { ...DEFAULT_SETTINGS, sites: sites.map((host) => ({ host, includeSubdomains: false, enabled: false })) };
}

/** What is wrong with settings read from JSON: the field, and for a site rule its number
 *  (from 1) and host. Kept apart from the sentences that say it (parseSettings), which every
 *  content script would otherwise carry (it reads the stored settings with readStored). */
export type SettingsProblem =
  | { field: 'file' | 'mode' | 'paused' | 'highlightStyle' | 'hoverDelayMs' | 'hiddenTopics' | 'sites' }
  | { field: 'site-host'; site: number }
  | { field: 'site-enabled'; site: number; host: string };

/** Reads settings from untrusted JSON (an import), or says in one sentence what is wrong.
 *  Unknown fields are ignored; missing ones take their defaults. */
export function parseSettings(json: unknown): { ok: true; settings: Settings } | { ok: false; error: string } {
  const read = readSettings(json);
  return read.ok ? read : { ok: false, error: describe(read.problem) };
}

function describe(problem: SettingsProblem): string {
  switch (problem.field) {
    case 'file':
      return 'The file does not hold a settings object.';
    case 'mode':
      return `"mode" must be one of ${MODES.join(', ')}.`;
    case 'paused':
      return '"paused" must be true or false.';
    case 'highlightStyle':
      return `"highlightStyle" must be one of ${HIGHLIGHT_STYLES.join(', ')}.`;
    case 'hoverDelayMs':
      return `"hoverDelayMs" must be a number from ${HOVER_DELAY_RANGE.min} to ${HOVER_DELAY_RANGE.max}.`;
    case 'hiddenTopics':
      return '"hiddenTopics" must be a list of topic ids.';
    case 'sites':
      return '"sites" must be a list.';
    case 'site-host':
      return `Site ${problem.site} has no valid host name.`;
    case 'site-enabled':
      return `Site ${problem.site} (${problem.host}) needs "enabled": true or false.`;
  }
}

/** How each field reads from JSON: the value as kept, or undefined when it is not one. One
 *  table for both readers: an import's (readSettings, which says what is wrong) and the
 *  store's (readStored, which every content script carries, and keeps what it can). */
const FIELDS: { [K in Exclude<keyof Settings, 'sites'>]: (value: unknown) => Settings[K] | undefined } = {
  mode: (v) => (MODES.includes(v as SiteMode) ? (v as SiteMode) : undefined),
  paused: (v) => (typeof v === 'boolean' ? v : undefined),
  highlightStyle: (v) => (HIGHLIGHT_STYLES.includes(v as HighlightStyle) ? (v as HighlightStyle) : undefined),
  // (NaN and the infinities are out of the range.)
  hoverDelayMs: (v) =>
    typeof v === 'number' && v >= HOVER_DELAY_RANGE.min && v <= HOVER_DELAY_RANGE.max ? Math.round(v) : undefined,
  hiddenTopics: (v) =>
    Array.isArray(v) && v.every((t) => typeof t === 'string') ? [...new Set(v as TopicId[])] : undefined,
};
const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[];

/** A site rule read from JSON; if it is none, its host name (null when that is what is wrong). */
function readSiteRule(rule: unknown): SiteRule | { host: string | null } {
  const r = rule as Partial<SiteRule> | null;
  const host = typeof r?.host === 'string' ? normalizeHost(r.host) : null;
  if (!r || !host || typeof r.enabled !== 'boolean') return { host };
  return { host, includeSubdomains: r.includeSubdomains === true || wantsSubdomains(r.host!), enabled: r.enabled };
}

const withDefaults = (): Settings => ({ ...DEFAULT_SETTINGS, sites: [], hiddenTopics: [] });

/** parseSettings, with what is wrong as a SettingsProblem. */
export function readSettings(
  json: unknown,
): { ok: true; settings: Settings } | { ok: false; problem: SettingsProblem } {
  const wrong = (problem: SettingsProblem) => ({ ok: false, problem }) as const;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return wrong({ field: 'file' });
  const raw = json as Record<string, unknown>;
  const body = (typeof raw.settings === 'object' && raw.settings !== null ? raw.settings : raw) as Record<
    string,
    unknown
  >;
  if (Array.isArray(body.disabledSites)) {
    return readSettings(migrateV1toV2(body as unknown as SettingsV1));
  }
  const out = withDefaults();
  for (const field of FIELD_NAMES) {
    if (body[field] === undefined) continue;
    const value = FIELDS[field](body[field]);
    if (value === undefined) return wrong({ field });
    Object.assign(out, { [field]: value });
  }
  if (body.sites !== undefined) {
    if (!Array.isArray(body.sites)) return wrong({ field: 'sites' });
    for (const [i, rule] of body.sites.entries()) {
      const read = readSiteRule(rule);
      if (!('enabled' in read)) {
        return wrong(
          read.host ? { field: 'site-enabled', site: i + 1, host: read.host } : { field: 'site-host', site: i + 1 },
        );
      }
      out.sites.push(read);
    }
  }
  return { ok: true, settings: out };
}

/**
 * Stored settings read as carefully as an import, but keeping what can be kept: storage is
 * shared with every other version of the extension and with whatever edits it by hand, and a
 * value that throws would stop every content script. A field that does not read takes its
 * default, a site rule that does not read is dropped. Not an object: null. The stored
 * version decides the shape (src/settings.ts migrates an older one first): a version 1 list
 * (`disabledSites`) or an exported file's `{ settings }` is read only by an import.
 */
export function readStored(value: unknown): Settings | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const raw = value as Record<string, unknown>;
  const out = withDefaults();
  for (const field of FIELD_NAMES) {
    const read = FIELDS[field](raw[field]);
    if (read !== undefined) Object.assign(out, { [field]: read });
  }
  for (const rule of Array.isArray(raw.sites) ? raw.sites : []) {
    const read = readSiteRule(rule);
    if ('enabled' in read) out.sites.push(read);
  }
  return out;
}

/** A host name as typed by a person ("https://www.Example.com/x", "example.com:8080",
 *  "*.example.com") in the form rules use (the browser's: lower case, punycode, no port), or
 *  null if it is not one. Lenient: settings saved or exported by an earlier version keep
 *  their rules (see looksLikeSite for what the form accepts). */
export function normalizeHost(input: string): string | null {
  const text = input.trim().replace(WILDCARD, '$1');
  if (text === 'file://' || /^file:/i.test(text)) return 'file://';
  if (!text || /\s/.test(text)) return null;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/** False for names the URL parser lets through though no site has them (`a..b`, `-x-.com`,
 *  `%2a.example.com`): what a person types in the settings' form is held to this. */
export function looksLikeSite(host: string): boolean {
  if (host === 'file://' || host.startsWith('[')) return true; // local files; an IPv6 address
  return host.split('.').every((label) => LABEL.test(label));
}

/** True when the host was typed as `*.example.com`: the rule is for its subdomains too. */
export function wantsSubdomains(input: string): boolean {
  return WILDCARD.test(input.trim());
}

const WILDCARD = /^((?:[a-z][a-z0-9+.-]*:\/\/)?)\*\./i;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
