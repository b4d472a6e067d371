import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  looksLikeSite,
  migrateV1toV2,
  normalizeHost,
  parseSettings,
  wantsSubdomains,
} from '../../src/settings-schema';

describe('migration from version 1', () => {
  it('turns the list of sites switched off into site rules, defaults for the rest', () => {
    expect(migrateV1toV2({ disabledSites: ['news.example.com', 'localhost'] })).toEqual({
      ...DEFAULT_SETTINGS,
      sites: [
        { host: 'news.example.com', includeSubdomains: false, enabled: false },
        { host: 'localhost', includeSubdomains: false, enabled: false },
      ],
    });
  });

  it('survives a damaged version-1 value', () => {
    expect(migrateV1toV2(null)).toEqual(DEFAULT_SETTINGS);
    expect(migrateV1toV2({ disabledSites: 'x' as unknown as string[] })).toEqual(DEFAULT_SETTINGS);
  });
});

describe('importing settings', () => {
  it('accepts an export, and a bare settings object', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      mode: 'listed-only',
      hoverDelayMs: 400,
      sites: [{ host: 'example.com', includeSubdomains: true, enabled: true }],
    };
    expect(parseSettings({ format: 'context-overlays-settings', version: 2, settings })).toEqual({
      ok: true,
      settings,
    });
    expect(parseSettings(settings)).toEqual({ ok: true, settings });
  });

  it('reads an imported *.example.com as example.com with its subdomains', () => {
    const result = parseSettings({ ...DEFAULT_SETTINGS, sites: [{ host: '*.example.com', enabled: false }] });
    expect(result.ok && result.settings.sites).toEqual([
      { host: 'example.com', includeSubdomains: true, enabled: false },
    ]);
  });

  it('accepts a version-1 export by migrating it', () => {
    const result = parseSettings({ disabledSites: ['a.example'] });
    expect(result.ok && result.settings.sites).toEqual([
      { host: 'a.example', includeSubdomains: false, enabled: false },
    ]);
  });

  it.each([
    [[], 'The file does not hold a settings object.'],
    [{ mode: 'sometimes' }, '"mode" must be one of everywhere, listed-only.'],
    [{ hoverDelayMs: 5 }, '"hoverDelayMs" must be a number from 100 to 1500.'],
    [{ highlightStyle: 'blink' }, '"highlightStyle" must be one of both, underline, tint.'],
    [{ sites: [{ host: 'exa mple', enabled: true }] }, 'Site 1 has no valid host name.'],
    [{ sites: [{ host: 'example.com' }] }, 'Site 1 (example.com) needs "enabled": true or false.'],
    [{ hiddenTopics: [1] }, '"hiddenTopics" must be a list of topic ids.'],
    [{ paused: 'yes' }, '"paused" must be true or false.'],
  ])('rejects %j with a clear message', (json, error) => {
    expect(parseSettings(json)).toEqual({ ok: false, error });
  });
});

describe('host names typed by people', () => {
  it.each([
    ['example.com', 'example.com'],
    ['https://www.Example.com/path?q=1', 'www.example.com'],
    ['example.com:8080', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['file:///home/x.html', 'file://'],
    ['', null],
    ['two words', null],
    ['ftp://example.com', null],
    ['[::1]', '[::1]'],
    // A wildcard is the rule for the host and its subdomains.
    ['*.example.com', 'example.com'],
    ['https://*.example.com', 'example.com'],
  ])('%j → %j', (input, host) => {
    expect(normalizeHost(input)).toBe(host);
  });
  it('refuses in the form what the URL parser lets through though no site has it', () => {
    for (const typed of ['a..b', '-bad-.com', '%2a.example.com']) {
      const host = normalizeHost(typed);
      expect(host === null || !looksLikeSite(host), typed).toBe(true);
    }
    for (const typed of ['news.example.com', '[::1]', 'file:///x', 'xn--bcher-kva.example', '127.0.0.1'])
      expect(looksLikeSite(normalizeHost(typed)!), typed).toBe(true);
  });
  it('reads a leading *. as “with its subdomains”', () => {
    expect(wantsSubdomains('*.example.com')).toBe(true);
    expect(wantsSubdomains('example.com')).toBe(false);
  });
});
