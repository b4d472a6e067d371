import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';
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
    ['about:blank', null],
    ['not a url', null],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('isEnabledFor', () => {
  const off = withSite(DEFAULT_SETTINGS, 'news.example.com', false);
  it.each([
    ['https://news.example.com/a', DEFAULT_SETTINGS, true],
    ['https://news.example.com/a', off, false],
    ['http://news.example.com:8443/b', off, false],
    ['https://example.com/', off, true],
    ['https://other.news.example.com/', off, true],
    ['chrome://settings', DEFAULT_SETTINGS, false],
  ])('%s', (url, settings, enabled) => {
    expect(isEnabledFor(url, settings)).toBe(enabled);
  });

  it('switching a site back on removes only that site', () => {
    const two = withSite(off, 'localhost', false);
    expect(withSite(two, 'news.example.com', true).disabledSites).toEqual(['localhost']);
    expect(withSite(two, 'localhost', false).disabledSites).toEqual(['news.example.com', 'localhost']);
  });
});
