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

// Open shadow roots of the page's components are marked, with nothing added to them: Chromium
// paints the content script's document-level ::highlight() styles inside open shadow trees.
// Text slotted into a component (light DOM) is marked as usual; closed roots are out of reach.
// See tests/e2e/hostile/README.md for what is and is not covered.
test('open shadow roots of page components: marked, watched, hit-tested; closed ones skipped', async ({
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
    .toEqual({ bagram: ['Bagram Air Base'], fitrat: ['Fasihuddin Fitrat'], 'doha-2020': ['Doha Agreement'] });
  // Painted: the mark style reaches into the shadow tree.
  const painted = await page.evaluate(() => {
    const p = document.getElementById('open-quote')!.shadowRoot!.querySelector('p')!;
    return getComputedStyle(p, '::highlight(context-overlay-fitrat)').backgroundColor;
  });
  expect(painted).not.toBe('rgba(0, 0, 0, 0)');
  // The card opens over text in the shadow root …
  const inShadow = (await page.locator('#open-quote p').boundingBox())!;
  await page.mouse.move(inShadow.x + 30, inShadow.y + inShadow.height / 2);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  await page.mouse.move(1200, 780); // away first: the card may cover the next line
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // … and over slotted text.
  const slotted = await textCenter(page, '#slotted span', 'Doha Agreement');
  await page.mouse.move(slotted.x, slotted.y);
  await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();
  await page.mouse.move(1200, 780);

  // The component changes its text, and a new component arrives: marks follow. Then the new
  // component leaves and the same element comes back: its marks go, and come back once.
  type PageApi = { retell(id: string, text: string): void; addQuote(text: string): void; parked?: Element };
  const steps = [
    () => {
      const w = window as unknown as PageApi;
      w.retell('open-quote', 'Officials at Bagram Airfield declined to comment.');
      w.addQuote('Later: Qari Fasihuddin Fitrat spoke again.');
    },
    () => {
      const w = window as unknown as PageApi;
      w.parked = document.getElementById('late-quote')!;
      w.parked.remove();
    },
    () => document.body.append((window as unknown as PageApi).parked!),
  ];
  const withLate = {
    bagram: ['Bagram Air Base', 'Bagram Airfield'],
    fitrat: ['Qari Fasihuddin Fitrat'],
    'doha-2020': ['Doha Agreement'],
  };
  await page.evaluate(steps[0]!);
  await expect.poll(() => marks(page)).toEqual(withLate);
  await page.evaluate(steps[1]!);
  await expect.poll(() => marks(page)).toEqual({ ...withLate, fitrat: [] });
  await page.evaluate(steps[2]!);
  await expect.poll(() => marks(page)).toEqual(withLate);
  const act = async (p: Page) => {
    for (const step of steps) await p.evaluate(step);
  };

  const plain = await plainRun(plainBrowser, url, act);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'shadow roots');
});
