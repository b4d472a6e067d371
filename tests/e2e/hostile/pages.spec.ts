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

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), '100k nodes');
});

test('open shadow roots of page components', async ({ page, server, plainBrowser, browserContext }) => {
  const url = server.url('hostile/shadow.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect
    .poll(() => marks(page))
    .toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': ['Doha Agreement'] });
  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'shadow roots');
});
