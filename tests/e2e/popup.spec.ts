import {
  badgeText,
  countReports,
  expect,
  highlightNames,
  marks,
  openPopupFor,
  tabIdOf,
  test,
  waitForMarkCount,
} from './fixtures';

test.describe('popup', () => {
  test('summarises the topics found, with counts matching the marks and the badge', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    const tabId = await tabIdOf(page, serviceWorker);
    await expect(popup.locator('[data-topic]')).toHaveCount(3);
    await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('4');
    await expect(popup.locator('[data-topic="fitrat"] .count')).toHaveText('2');
    await expect(popup.locator('[data-topic="doha-2020"] .count')).toHaveText('2');
    await expect(popup.locator('[data-topic="fitrat"]')).toContainText('Afghan defense ministry chief of staff');
    // Read out with its unit, and the keyboard's way in is named with the reader's shortcut.
    expect(await popup.locator('[data-topic="bagram"]').ariaSnapshot()).toContain('4 mentions');
    await expect(popup.locator('.summary')).toContainText('Or press Alt+Shift+K to go to the next one.');
    await expect(popup.locator('.status')).toHaveText('On for 127.0.0.1');
    await expect(popup.getByRole('switch', { name: /127\.0\.0\.1/ })).toBeChecked();
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('8');
    // How fast the popup showed the page's state (issue 5 asks for < 100 ms); reported, not
    // asserted: this machine is shared and timings are noisy.
    const ready = await popup.evaluate(() => performance.getEntriesByName('popup-ready')[0]?.startTime ?? -1);
    expect(ready).toBeGreaterThan(0);
    test.info().annotations.push({ type: 'popup-ready-ms', description: ready.toFixed(1) });
  });

  test('says plainly when nothing was found', async ({ page, server, serviceWorker, extensionId, browserContext }) => {
    await page.goto(server.url('plain.html'));
    await expect.poll(() => highlightNames(page)).toHaveLength(3);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.getByText(/Nothing on this page mentions/)).toBeVisible();
    await expect(popup.locator('[data-topic]')).toHaveCount(0);
  });

  test('with topics switched off in the settings, says so instead of “nothing mentions them”', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    for (const name of ['Bagram Air Base', 'Fasihuddin Fitrat', 'The 2020 US–Taliban agreement'])
      await options.getByRole('checkbox', { name }).uncheck();
    await expect.poll(() => highlightNames(page)).toEqual([]);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('.empty')).toHaveText('Nothing on this page mentions the topics you follow.');
    await expect(
      popup.getByText(/Switched off in Settings, not looked for: Bagram Air Base, Fasihuddin Fitrat/),
    ).toBeVisible();
    await options.getByRole('checkbox', { name: 'Bagram Air Base' }).check();
    await expect(popup.locator('[data-topic]')).toHaveCount(1);
    await expect(
      popup.getByText('Switched off in Settings, not looked for: Fasihuddin Fitrat, The 2020 US–Taliban agreement.'),
    ).toBeVisible();
  });

  test('a page with nothing to find tells the background nothing until the popup asks', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    const { reports } = await countReports(serviceWorker);
    await page.goto(server.url('plain.html'));
    await expect.poll(() => highlightNames(page)).toHaveLength(3);
    await page.waitForTimeout(500);
    expect(await reports()).toBe(0);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.getByText(/Nothing on this page mentions/)).toBeVisible();
    await expect(popup.getByRole('switch', { name: /127\.0\.0\.1/ })).toBeChecked();
    expect(await reports()).toBe(1);
  });

  test('says when it cannot run on a page, even right after a page it ran on', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('8');
    await page.goto('chrome://version');
    // The previous page's count and summary are gone with it.
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.getByText('Can’t run on this page')).toBeVisible();
    await expect(popup.locator('[data-topic]')).toHaveCount(0);
    await popup.waitForTimeout(500);
    await expect(popup.getByText('Can’t run on this page')).toBeVisible();
  });

  test('never shows the previous page’s numbers after the tab navigates', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await page.goto(server.url('plain.html'));
    await expect.poll(() => highlightNames(page)).toHaveLength(3);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    const tabId = await tabIdOf(page, serviceWorker);
    await expect(popup.getByText(/Nothing on this page mentions/)).toBeVisible();
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
  });
});

test('a page restored by the back button reports its numbers again', async ({
  page,
  server,
  serviceWorker,
  extensionId,
  browserContext,
}) => {
  await page.goto(server.url('news.html'));
  await waitForMarkCount(page, 8);
  await page.goto(server.url('plain.html'));
  await expect.poll(() => highlightNames(page)).toHaveLength(3);
  await page.goBack();
  await waitForMarkCount(page, 8);
  // The badge comes back by itself (before any popup asks the page to report).
  const tabId = await tabIdOf(page, serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('8');
  const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
  await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('4');
});

test.describe('per-site switch', () => {
  test('switching a site off clears every tab of that site at once, persists, and comes back', async ({
    page,
    server,
    otherServer,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    // Two tabs of 127.0.0.1 and one of localhost (a different site, same content).
    await page.goto(server.url('news.html'));
    const second = await browserContext.newPage();
    await second.goto(otherServer.url('dynamic.html'));
    await second.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Flights left Bagram.';
      document.body.append(p);
    });
    const other = await browserContext.newPage();
    await other.goto(server.url('news.html').replace('127.0.0.1', 'localhost'));
    await waitForMarkCount(page, 8);
    await waitForMarkCount(second, 1);
    await waitForMarkCount(other, 8);

    const popup = await openPopupFor(page, { serviceWorker, extensionId, browserContext });
    const toggle = popup.getByRole('switch', { name: /127\.0\.0\.1/ });
    await expect(toggle).toBeChecked();
    await toggle.click();
    await expect(toggle).not.toBeChecked();
    await expect(popup.locator('.status')).toHaveText('Off for 127.0.0.1');
    await expect(popup.locator('[data-topic]')).toHaveCount(0);

    // Both 127.0.0.1 tabs: no highlight names, no UI host, no reload needed.
    for (const tab of [page, second]) {
      await expect.poll(() => highlightNames(tab)).toEqual([]);
      expect(await tab.locator('context-overlay').count()).toBe(0);
    }
    // localhost is another site: untouched.
    expect(Object.values(await marks(other)).flat()).toHaveLength(8);

    // The choice survives a reload.
    await page.reload();
    await page.waitForTimeout(500);
    expect(await highlightNames(page)).toEqual([]);
    await expect.poll(async () => badgeText(serviceWorker, await tabIdOf(page, serviceWorker))).toBe('');

    // Switching back on restores the marks in open tabs, without a reload.
    const popup2 = await openPopupFor(page, { serviceWorker, extensionId, browserContext });
    await popup2.getByRole('switch', { name: /127\.0\.0\.1/ }).click();
    await waitForMarkCount(page, 8);
    await waitForMarkCount(second, 1);
    await expect(popup2.locator('[data-topic="bagram"] .count')).toHaveText('4');
  });
});

test('the badge keeps up with a page whose text changes faster than it reports', async ({
  page,
  server,
  serviceWorker,
}) => {
  await page.goto(server.url('plain.html'));
  const tabId = await tabIdOf(page, serviceWorker);
  // A ticker rewrites a line every 20 ms; a mention appears once, elsewhere on the page.
  await page.evaluate(() => {
    const ticker = document.body.appendChild(document.createElement('p'));
    let n = 0;
    setInterval(() => (ticker.textContent = `Tick ${n++}`), 20);
    setTimeout(() => {
      document.body.appendChild(document.createElement('p')).textContent =
        'Flights left Bagram Air Base, the Taliban said.';
    }, 300);
  });
  await expect.poll(() => badgeText(serviceWorker, tabId), { timeout: 5000 }).toBe('1');
});

test('on the bundled article’s own page the popup says what it is, not that it cannot run', async ({
  page,
  browserContext,
  extensionId,
}) => {
  await page.goto(`chrome-extension://${extensionId}/article.html`);
  const tabId = await page.evaluate(async () => (await chrome.tabs.getCurrent())!.id!);
  const popup = await browserContext.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  await expect(popup.locator('.status')).toHaveText('This is the article the cards are drawn from');
  await expect(popup.getByText('Can’t run on this page')).toHaveCount(0);
});
