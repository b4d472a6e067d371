import type { Page } from '@playwright/test';
import { marks, requestLog, textCenter } from '../fixtures';
import { expect, expectUntouched, plainRun, test, watchPage } from './hostile';

test('right-to-left text: Latin names inside Persian and Arabic prose are marked, cards open', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/rtl.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect
    .poll(() => marks(page))
    .toEqual({
      bagram: ['Bagram Air Base', 'Bagram Airfield', 'Bagram'],
      fitrat: ['فصیح\u200cالدین فطرت', 'Fasihuddin Fitrat'],
      'doha-2020': ['Doha Agreement', 'US-Taliban agreement'],
    });
  const at = await textCenter(page, '#base', 'Bagram Air Base');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'right-to-left');
});

test('a 100,000-node page is marked in full without blocking or touching it', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  test.setTimeout(90_000);
  const url = server.url('hostile/big.html');
  const watch = await watchPage(page);
  await recordLongTasks(page);
  await page.goto(url);
  const nodes = await page.evaluate(() => {
    let n = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) n++;
    return n;
  });
  expect(nodes).toBeGreaterThanOrEqual(100_000);
  await expect.poll(async () => (await marks(page)).bagram?.length, { timeout: 30_000 }).toBe(125);
  expect(new Set((await marks(page)).bagram)).toEqual(new Set(['Bagram Air Base']));
  // A card opens deep down the page too.
  await page.locator('#feed p').nth(6000).scrollIntoViewIfNeeded();
  const at = await textCenter(page, '#feed', 'Bagram', 60);
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();

  let plainLongest = 0;
  const plain = await plainRun(
    plainBrowser,
    url,
    async (p) => {
      await p.waitForTimeout(1000); // as long as the page has had with the extension, roughly
      plainLongest = await longestTask(p);
    },
    recordLongTasks,
  );
  await expectUntouched(page, watch, plain, requestLog(browserContext), '100k nodes');
  // Reported, not asserted (two busy cores make any bound flaky): the longest main-thread task
  // after the parser, with and without the extension (0: none over 50 ms).
  console.log(`LONGEST TASK 100k nodes: ${await longestTask(page)} ms with, ${plainLongest} ms without the extension`);
});

/** Records the page's long tasks after DOMContentLoaded (content-script work runs on the page's
 *  main thread too, from document_end on). */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      // Only tasks after the parser is done: the page's own DOM building comes before.
      const parsed = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      for (const entry of list.getEntries()) {
        if (parsed && parsed.domContentLoadedEventEnd > 0 && entry.startTime >= parsed.domContentLoadedEventEnd) {
          w.__longTasks.push(Math.round(entry.duration));
        }
      }
    }).observe({ type: 'longtask', buffered: true });
  });
}

function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
}

// Open shadow roots of the page's components are SKIPPED, cleanly: their text is neither
// marked nor counted, and hovering it opens nothing. Text slotted into a component (light DOM)
// is marked as usual. Marking inside would need no page node touched — Chromium 156 paints
// document-level ::highlight() styles on ranges inside open shadow trees — but the walker, the
// mutation watcher (one observe() per shadow root), the removal bookkeeping and the hit test
// (caretPositionFromPoint's shadowRoots option) would all have to follow the roots; see
// tests/e2e/hostile/README.md. Closed shadow roots are out of reach by design.
test('open shadow roots of page components: skipped cleanly, slotted text marked', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/shadow.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect
    .poll(() => marks(page))
    .toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': ['Doha Agreement'] });
  const inShadow = (await page.locator('#open-quote p').boundingBox())!;
  await page.mouse.move(inShadow.x + 20, inShadow.y + inShadow.height / 2);
  await page.waitForTimeout(600); // hover intent is 250 ms: nothing may open (nothing to poll)
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const slotted = await textCenter(page, '#slotted span', 'Doha Agreement');
  await page.mouse.move(slotted.x, slotted.y);
  await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'shadow roots');
});
