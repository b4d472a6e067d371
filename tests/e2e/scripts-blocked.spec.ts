// A site where the reader blocks JavaScript (Chrome's site setting; here Playwright's
// javaScriptEnabled: false). The content script still runs there, but Chromium fires none of
// its setTimeout or setInterval timers and never runs a module it imports: everything that
// waited on those (the hover delay, a long page's later slices, the counts' report, the card's
// UI) must come some other way (src/page/timers.ts, src/page/card-ui.ts).
import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';
import type { PageServer } from './page-server';
import {
  badgeText,
  expect,
  marks,
  setSettings,
  showNextMention,
  tabIdOf,
  test,
  textCenter,
  waitForMarkCount,
} from './fixtures';

test.use({ pageScripts: false });

/** Serves a long static page at long-static.html (no script of the page's runs to build
 *  one): 3,000 paragraphs, two mentions each, marked over many slices. */
async function routeLongPage(page: Page, server: PageServer): Promise<string> {
  const paragraphs = Array.from(
    { length: 3000 },
    (_, i) => `<p id="p${i}">Paragraph ${i}. Flights left Bagram Air Base at dawn; by noon Bagram was quiet.</p>`,
  );
  const url = server.url('long-static.html');
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><title>A long report</title><body>${paragraphs.join('\n')}</body></html>`,
    }),
  );
  return url;
}

test('a long page is marked to its end', async ({ page, server }) => {
  await page.goto(await routeLongPage(page, server));
  await waitForMarkCount(page, 6000);
});

test('a long page switched on while read far down is marked to its end, past the wait for a paint', async ({
  page,
  server,
  serviceWorker,
}) => {
  // The screen's marks are painted before the rest goes on (a wait for the next frame, which
  // ended on a timer: the rest never came).
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: true });
  await page.goto(await routeLongPage(page, server));
  await page.evaluate(() => document.getElementById('p1800')!.scrollIntoView());
  // Polled from here: waitForFunction polls in the page, on animation frames that a page whose
  // scripts are blocked never runs (it passed only when the paint had come by its first look).
  await expect.poll(() => page.evaluate(() => performance.getEntriesByType('paint').length)).toBeGreaterThan(0);
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: false });
  await waitForMarkCount(page, 6000);
});

test.describe('on a news page', () => {
  // Its 8 mentions, and the one in the <noscript> fallback it shows here (unmarked, and never
  // shown, where its scripts run: see marks.spec.ts).
  test.beforeEach(async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 9);
  });

  test('the page ran no script of its own, and is marked all the same, its <noscript> fallback too', async ({
    page,
  }) => {
    // news.html sets window.analyticsTopic in a script of its own.
    expect(await page.evaluate(() => 'analyticsTopic' in window)).toBe(false);
    const inFallback = await page.evaluate(() =>
      [...CSS.highlights.values()].flatMap((h) =>
        [...h]
          .filter((r) => r.startContainer.parentElement?.id === 'fallback')
          .map((r) => r.startContainer.textContent!.slice(r.startOffset, r.endOffset)),
      ),
    );
    expect(inFallback).toEqual(['Bagram']);
  });

  test('a card opens on a mark after the hover delay, and closes when the pointer leaves', async ({ page }) => {
    const at = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
    await expect(card).toBeVisible();
    await expect(card).toContainText("Chief of staff at Afghanistan's defense ministry.");
    await page.mouse.move(5, 5);
    await expect(page.getByRole('dialog')).toHaveCount(0);
  });

  test('the keyboard opens the next card', async ({ page, serviceWorker }) => {
    const tabId = await tabIdOf(page, serviceWorker);
    expect(await showNextMention(serviceWorker, tabId)).toBe(true);
    await expect(page.getByRole('dialog')).toBeVisible();
  });

  test('the toolbar badge counts the page', async ({ page, serviceWorker }) => {
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('9');
  });

  test('text the browser changes (its own translation, another extension) is marked', async ({ page }) => {
    // (The test's evaluate runs where the page's scripts may not, as the browser's own would.)
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Later: Fasihuddin Fitrat spoke again.';
      document.getElementById('story')!.append(p);
    });
    await waitForMarkCount(page, 10);
    expect((await marks(page)).fitrat).toContain('Fasihuddin Fitrat');
  });
});

test('frames are marked, and their cards open', async ({ page, server }) => {
  await page.goto(server.url('frames.html'));
  const srcdoc = page.frameLocator('#srcdoc');
  const frame = page.frames().find((f) => f.url() === 'about:srcdoc')!;
  await expect.poll(async () => (await marks(frame)).fitrat ?? []).toEqual(['Fasihuddin Fitrat']);
  const same = page.frames().find((f) => f.url().endsWith('frame-child.html'))!;
  await expect.poll(async () => Object.values(await marks(same)).flat().length).toBe(2);
  const box = (await page.locator('#srcdoc').boundingBox())!;
  const at = await textCenter(frame, 'p', 'Fitrat');
  await page.mouse.move(box.x + at.x, box.y + at.y);
  await expect(srcdoc.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
});
