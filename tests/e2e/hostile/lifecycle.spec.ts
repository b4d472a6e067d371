import type { Page, Worker } from '@playwright/test';
import { highlightNames, marks, textCenter } from '../fixtures';
import { expect, test, watchPage } from './hostile';

// When the extension is reloaded, updated, disabled or removed, Chrome leaves its old content
// script running in open tabs with a dead `chrome.runtime` (and injects no new one). The page
// must then be left clean: no highlight names, no host element, and nothing throwing
// "Extension context invalidated" from a listener the old script left behind.
const endings: [string, (worker: Worker) => Promise<void>][] = [
  ['reloaded (as on an update)', (w) => w.evaluate(() => void setTimeout(() => chrome.runtime.reload(), 10))],
  [
    'removed',
    (w) => w.evaluate(() => void setTimeout(() => chrome.management.uninstallSelf({ showConfirmDialog: false }), 10)),
  ],
];

for (const [how, end] of endings) {
  test(`an extension ${how} leaves open pages clean`, async ({ page, server, serviceWorker }) => {
    await runLifecycle(page, server.url('hostile/lifecycle.html'), () => end(serviceWorker));
  });
}

test('an extension switched off in chrome://extensions leaves open pages clean', async ({
  page,
  server,
  browserContext,
  extensionId,
}) => {
  await runLifecycle(page, server.url('hostile/lifecycle.html'), async () => {
    const settings = await browserContext.newPage();
    await settings.goto(`chrome://extensions/?id=${extensionId}`);
    const toggle = settings.locator('extensions-detail-view #enableToggle');
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    // On a busy machine a click can land before the settings page handles it (seen once in a
    // fresh clone's CI run, load average 5–8): clicked again while it is still on.
    await expect(async () => {
      if ((await toggle.getAttribute('aria-checked')) === 'true') await toggle.click();
      await expect(toggle).toHaveAttribute('aria-checked', 'false', { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await page.bringToFront();
  });
});

async function runLifecycle(page: Page, url: string, end: () => Promise<void>) {
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(async () => Object.values(await marks(page)).flat().length).toBe(3);
  // A card is open when it happens: its host must go too.
  const at = await textCenter(page, '#fitrat', 'Fasihuddin Fitrat');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog')).toBeVisible();

  await end();
  await expect.poll(() => highlightNames(page), { timeout: 10_000 }).toEqual([]);
  await expect(page.locator('context-overlay')).toHaveCount(0);

  // The old script's listeners are gone or quiet: pointer, keys, mutations.
  await page.mouse.move(5, 5);
  await page.mouse.move(at.x, at.y);
  await page.keyboard.press('Escape');
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Later: Fasihuddin Fitrat spoke about Bagram Air Base.';
    document.body.append(p);
  });
  await page.waitForTimeout(500); // time for a leftover listener to throw (nothing to poll for)
  expect(await highlightNames(page)).toEqual([]);
  await expect(page.locator('context-overlay')).toHaveCount(0);
  expect(watch.problems).toEqual([]);
}
