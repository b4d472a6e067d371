import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings, type SiteRule } from '../../src/settings-schema';
import { isEnabledFor, siteOf, withSite } from '../../src/site-rules';

describe('siteOf', () => {
  it.each([
    ['https://news.example.com/world/afghanistan?x=1#top', 'news.example.com'],
    ['http://Example.COM:8080/', 'example.com'],
    ['http://127.0.0.1:5173/page', '127.0.0.1'],
    ['http://localhost:3000/', 'localhost'],
    ['http://[::1]:8000/', '[::1]'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['https://example.com./', 'example.com'],
    ['file:///home/reader/saved.html', 'file://'],
    ['chrome://extensions', null],
    ['chrome-extension://abc/popup.html', null],
    ['https://chromewebstore.google.com/detail/x', null],
    ['https://addons.mozilla.org/en-US/firefox/', null],
    ['about:blank', null],
    ['not a url', null],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

const rule = (host: string, enabled: boolean, includeSubdomains = false): SiteRule => ({
  host,
  enabled,
  includeSubdomains,
});
const settings = (over: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...over });

describe('isEnabledFor', () => {
  const offForNews = settings({ sites: [rule('news.example.com', false)] });
  const offForExampleAll = settings({ sites: [rule('example.com', false, true)] });
  const allowList = settings({ mode: 'listed-only', sites: [rule('example.com', true, true)] });
  it.each<[string, Settings, boolean]>([
    ['https://news.example.com/a', DEFAULT_SETTINGS, true],
    ['https://news.example.com/a', offForNews, false],
    ['http://news.example.com:8443/b', offForNews, false],
    ['https://example.com/', offForNews, true],
    ['https://other.news.example.com/', offForNews, true],
    ['https://example.com/', offForExampleAll, false],
    ['https://www.example.com/', offForExampleAll, false],
    ['https://deep.news.example.com/', offForExampleAll, false],
    ['https://notexample.com/', offForExampleAll, true],
    ['https://www.example.com/', settings({ sites: [rule('example.com', false)] }), true],
    // A more specific rule wins over a covering one.
    [
      'https://news.example.com/',
      settings({ sites: [rule('example.com', false, true), rule('news.example.com', true)] }),
      true,
    ],
    ['https://news.example.com/', allowList, true],
    ['https://elsewhere.org/', allowList, false],
    ['http://127.0.0.1:9000/', settings({ sites: [rule('localhost', false)] }), true],
    ['http://localhost:9000/', settings({ sites: [rule('localhost', false)] }), false],
    ['http://192.168.0.10/', settings({ sites: [rule('168.0.10', false, true)] }), true],
    ['https://xn--bcher-kva.example/', settings({ sites: [rule('xn--bcher-kva.example', false)] }), false],
    ['file:///tmp/a.html', settings({ sites: [rule('file://', false)] }), false],
    ['file:///tmp/a.html', DEFAULT_SETTINGS, true],
    ['https://news.example.com/', settings({ paused: true }), false],
    ['chrome://settings', DEFAULT_SETTINGS, false],
  ])('%s', (url, s, enabled) => {
    expect(isEnabledFor(url, s)).toBe(enabled);
  });
});

describe('withSite', () => {
  it('adds the smallest rule and removes it again when switched back', () => {
    const off = withSite(DEFAULT_SETTINGS, 'news.example.com', false);
    expect(off.sites).toEqual([rule('news.example.com', false)]);
    expect(withSite(off, 'news.example.com', true).sites).toEqual([]);
  });

  it('overrides a covering rule with a rule of the site’s own', () => {
    const s = settings({ sites: [rule('example.com', false, true)] });
    expect(withSite(s, 'news.example.com', true).sites).toEqual([
      rule('example.com', false, true),
      rule('news.example.com', true),
    ]);
  });

  it('in allow-list mode, switching on adds the site and switching off removes it', () => {
    const s = settings({ mode: 'listed-only' });
    const on = withSite(s, 'example.org', true);
    expect(on.sites).toEqual([rule('example.org', true)]);
    expect(withSite(on, 'example.org', false).sites).toEqual([]);
  });

  it('keeps a site’s subdomain choice when flipping it', () => {
    const s = settings({ sites: [rule('example.com', false, true)] });
    expect(withSite(s, 'example.com', true).sites).toEqual([]);
    const other = settings({ mode: 'listed-only', sites: [rule('example.com', true, true)] });
    expect(withSite(other, 'example.com', false).sites).toEqual([]);
  });
});
