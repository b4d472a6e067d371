// The built Firefox extension, end to end, on the same fixture pages as the Chromium suite:
// marks, the hover card, the popup's summary, the per-site switch. Each Firefox build that
// exists (FIREFOX_BUILDS, default "firefox-mv3 firefox-mv2") gets the whole suite.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startPageServer, type PageServer } from '../e2e/page-server';
import {
  launchFirefox,
  markCount,
  marks,
  openExtensionPage,
  tabIdOf,
  textCenter,
  toolbarIcon,
  until,
  type FirefoxSession,
} from './harness';

const builds = (process.env.FIREFOX_BUILDS ?? 'firefox-mv3 firefox-mv2').split(/\s+/).filter(Boolean);

const NEWS_MARKS = {
  bagram: ['Bagram', 'Bagram Air Base', 'Bagram', 'Bagram Airfield'],
  fitrat: ['Fasihuddin Fitrat', 'Fitrat'],
  'doha-2020': ['2020 agreement', 'Doha Agreement'],
};

describe.each(builds)('%s', (build) => {
  let server: PageServer;
  /** A second site (localhost, not 127.0.0.1) for cross-origin frames. */
  let otherServer: PageServer;
  let firefox: FirefoxSession;
  let page: Page;

  beforeAll(async () => {
    server = await startPageServer();
    otherServer = await startPageServer();
    firefox = await launchFirefox(build);
    page = firefox.page;
  });
  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    await otherServer?.close();
  });

  const openNews = async () => {
    await page.goto(server.url('news.html'));
    await until(
      () => markCount(page),
      (n) => n === 8,
      'the 8 marks on news.html',
    );
  };

  test('marks every mention, one CSS highlight per topic', async () => {
    await openNews();
    expect(await marks(page)).toEqual(NEWS_MARKS);
    const names = await page.evaluate(() => [...CSS.highlights.keys()]);
    expect(names.sort()).toEqual(['context-overlay-bagram', 'context-overlay-doha-2020', 'context-overlay-fitrat']);
  });

  test('a card opens on hover inside the <context-overlay> shadow root, styled, and Escape closes it', async () => {
    await openNews();
    const at = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.mouse.move(at.x, at.y);
    const card = await until(
      () =>
        page.evaluate(() => {
          const dialog = document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
          if (!dialog) return null;
          const title = document
            .querySelector('context-overlay')
            ?.shadowRoot?.getElementById(dialog.getAttribute('aria-labelledby') ?? '');
          const style = getComputedStyle(dialog);
          return { title: title?.textContent, position: style.position, borderRadius: style.borderTopLeftRadius };
        }),
      (card) => card !== null,
      'the hover card',
    );
    expect(card?.title).toBe('Fasihuddin Fitrat');
    // card.css reached the shadow root (adoptedStyleSheets set from a content script).
    expect(card).toMatchObject({ position: 'fixed', borderRadius: '10px' });

    await page.keyboard.press('Escape');
    await until(
      () =>
        page.evaluate(() => !!document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]')),
      (open) => !open,
      'the card to close on Escape',
    );
  });

  test('the popup page summarises a tab, and the badge shows the count', async () => {
    await openNews();
    const tabId = await tabIdOf(firefox, page);
    const popup = await openExtensionPage(firefox, `popup.html?tabId=${tabId}`);
    try {
      const summary = await until(
        () =>
          popup.evaluate(() => ({
            status: document.querySelector('.status')?.textContent,
            topics: Object.fromEntries(
              [...document.querySelectorAll('[data-topic]')].map((el) => [
                el.getAttribute('data-topic'),
                el.querySelector('.count')?.textContent,
              ]),
            ),
          })),
        (s) => Object.keys(s.topics).length === 3,
        'three topics in the popup',
      );
      expect(summary).toEqual({ status: 'On for 127.0.0.1', topics: { bagram: '4', fitrat: '2', 'doha-2020': '2' } });
      // The badge goes through `action` (MV3) or `browserAction` (MV2): src/toolbar-action.ts.
      const badge = await popup.evaluate(async (tabId) => {
        const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
        return (api.action ?? api.browserAction).getBadgeText({ tabId });
      }, tabId);
      expect(badge).toBe('8');
    } finally {
      await popup.close();
    }
  });

  test('the site switch clears the site’s marks and card host at once, greys the icon, and brings them back', async () => {
    await openNews();
    const tabId = await tabIdOf(firefox, page);
    const popup = await openExtensionPage(firefox, `popup.html?tabId=${tabId}`);
    try {
      const toggle = '[role="switch"]';
      await popup.waitForSelector(`${toggle}:checked`);
      expect(await popup.$eval(toggle, (el) => el.getAttribute('aria-label'))).toContain('127.0.0.1');

      await popup.click(toggle);
      await popup.waitForSelector(`${toggle}:not(:checked)`);
      await until(
        () => popup.$eval('.status', (el) => el.textContent),
        (s) => s === 'Off for 127.0.0.1',
        'status off',
      );
      await until(
        () => page.evaluate(() => [...CSS.highlights.keys()].filter((n) => n.startsWith('context-overlay-'))),
        (names) => names.length === 0,
        'no highlight names on the page',
      );
      expect(await page.$('context-overlay')).toBeNull();
      expect(await popup.$$('[data-topic]')).toHaveLength(0);
      // The toolbar icon turns grey for the tab (background.ts → setIcon).
      await until(
        () => toolbarIcon(firefox, tabId),
        (icon) => icon === '/icons/icon-off-16.png',
        'the grey icon',
      );

      await popup.click(toggle);
      await popup.waitForSelector(`${toggle}:checked`);
      await until(
        () => markCount(page),
        (n) => n === 8,
        'the 8 marks back without a reload',
      );
      await until(
        () => toolbarIcon(firefox, tabId),
        (icon) => icon === '/icons/icon-16.png',
        'the amber icon',
      );
    } finally {
      await popup.close();
    }
  });

  test('marks same-origin, srcdoc and cross-origin frames; the top page’s switch clears them all', async () => {
    const cross = otherServer.url('frame-child.html').replace('127.0.0.1', 'localhost');
    await page.goto(server.url(`frames.html?cross=${encodeURIComponent(cross)}`));
    const frameMarks = async (selector: string) => {
      const frame = await (await page.$(selector))?.contentFrame();
      if (!frame) throw new Error(`no frame ${selector}`);
      return Object.values(await marks(frame)).flat();
    };
    const all = () =>
      Promise.all(['#same', '#srcdoc', '#cross'].map(frameMarks)).then(async (frames) => [
        Object.values(await marks(page)).flat(),
        ...frames,
      ]);
    const expected = [
      ['Bagram Air Base'],
      ['Bagram Airfield', 'Doha Agreement'],
      ['Fasihuddin Fitrat'],
      ['Bagram Airfield', 'Doha Agreement'],
    ];
    await until(all, (found) => JSON.stringify(found) === JSON.stringify(expected), 'marks in the page and its frames');

    // The cross-origin frame follows the top page's site (location.ancestorOrigins, which
    // Firefox has since 13x; content.ts falls back to the frame's own URL without it).
    const tabId = await tabIdOf(firefox, page);
    const popup = await openExtensionPage(firefox, `popup.html?tabId=${tabId}`);
    try {
      await popup.waitForSelector('[role="switch"]:checked');
      await popup.click('[role="switch"]');
      await until(all, (found) => found.every((list) => list.length === 0), 'no marks in any frame');
      await popup.click('[role="switch"]'); // back on: the next test starts from the default
      await until(all, (found) => JSON.stringify(found) === JSON.stringify(expected), 'the marks back');
    } finally {
      await popup.close();
    }
  });

  test('marks sandboxed and about:blank frames too, and a card opens inside a frame', async () => {
    await page.goto(server.url(`hostile/frames.html?cross=${encodeURIComponent(otherServer.url('frame-child.html'))}`));
    const frameOf = async (id: string) => {
      const element = await page.$(`#${id}`);
      const frame = await element?.contentFrame();
      const box = await element?.boundingBox();
      if (!frame || !box) throw new Error(`no frame #${id}`);
      return { frame, box };
    };
    // match_about_blank / match_origin_as_fallback: frames without a URL of their own.
    for (const [id, text] of [
      ['sandboxed', 'Bagram Air Base'],
      ['blank', 'Doha Agreement'],
    ] as const) {
      const { frame } = await frameOf(id);
      await until(
        async () => Object.values(await marks(frame)).flat(),
        (found) => found.includes(text),
        `${text} in #${id}`,
      );
    }
    const { frame, box } = await frameOf('blank');
    const at = await textCenter(frame, 'body', 'Doha Agreement');
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const title = await until(
      () =>
        frame.evaluate(() => {
          const root = document.querySelector('context-overlay')?.shadowRoot;
          const dialog = root?.querySelector('[role="dialog"]');
          return dialog ? root?.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent : null;
        }),
      (title) => !!title,
      'the card in the about:blank frame',
    );
    expect(title).toBe('The 2020 US–Taliban agreement');
  });

  test('a fact’s source link opens the article reader at that sentence, marked', async () => {
    await openNews();
    const at = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.mouse.move(at.x, at.y);
    const link = await page.waitForSelector('context-overlay >>> li[data-sentence="p9s1"] a.source');
    await link?.click();
    // The background opens the reader in a new tab; Puppeteer does not follow moz-extension
    // pages, so ask the extension which of its pages are open.
    const helper = await openExtensionPage(firefox, 'popup.html?tabId=0');
    try {
      const readerUrl = firefox.extensionUrl('article.html#p9s1');
      await until(
        () =>
          helper.evaluate(async () => {
            const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
            return (await api.tabs.query({})).map((t) => t.url);
          }),
        (urls) => urls.includes(readerUrl),
        `a tab on ${readerUrl}`,
      );
    } finally {
      await helper.close();
    }
    const reader = await openExtensionPage(firefox, 'article.html#p9s1');
    try {
      const cited = await until(
        () => reader.evaluate(() => [...document.querySelectorAll('.cited')].map((el) => [el.id, el.textContent])),
        (cited) => cited.length > 0,
        'the cited sentence',
      );
      expect(cited).toHaveLength(1);
      expect(cited[0]?.[0]).toBe('p9s1');
      expect(cited[0]?.[1]).toContain('Recently, some people have said');
    } finally {
      await reader.close();
    }
  });
});

type ExtensionApi = typeof import('webextension-polyfill');
