import { badgeText, countReports, expect, marks, openPopupFor, tabIdOf, test, waitForMarkCount } from './fixtures';

test('an app that navigates with pushState and re-renders gets its new text marked and counted', async ({
  page,
  server,
  serviceWorker,
  extensionId,
  browserContext,
}) => {
  await page.goto(server.url('dynamic.html'));
  await waitForMarkCount(page, 0);
  // Like a router: new URL, old view replaced wholesale.
  await page.evaluate(() => {
    history.pushState({}, '', '/dynamic.html?story=2');
    const feed = document.getElementById('feed')!;
    feed.replaceChildren();
    const view = document.createElement('section');
    const h = document.createElement('h2');
    h.textContent = 'Bagram Air Base: what the Taliban said';
    const p = document.createElement('p');
    p.append(
      'Fitrat, a ministry official, rejected the ',
      Object.assign(document.createElement('em'), { textContent: 'Doha' }),
      ' Agreement talk.',
    );
    view.append(h, p);
    feed.append(view);
  });
  await expect
    .poll(() => marks(page))
    .toEqual({
      bagram: ['Bagram Air Base'],
      fitrat: ['Fitrat'],
      'doha-2020': ['Doha Agreement'],
    });
  const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
  const tabId = await tabIdOf(page, serviceWorker);
  await expect(popup.locator('[data-topic]')).toHaveCount(3);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('3');
});

test('a page that keeps changing its text reports to the background only when its counts change', async ({
  page,
  server,
  serviceWorker,
}) => {
  const { reports } = await countReports(serviceWorker);
  await page.goto(server.url('dynamic.html'));
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.append('Flights left Bagram Air Base at ', Object.assign(document.createElement('time'), { id: 'clock' }));
    document.getElementById('feed')!.append(p);
  });
  await waitForMarkCount(page, 1);
  await page.waitForTimeout(500); // the first reports are in
  const before = await reports();
  // A clock beside the mention, re-rendered every 20 ms for two seconds (100 changes, each a
  // batch the extension rescans), and its mention stays the same.
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        let ticks = 0;
        const clock = document.getElementById('clock')!;
        const tick = setInterval(() => {
          clock.textContent = `${(ticks++ / 50).toFixed(2)} s`;
          if (ticks === 100) {
            clearInterval(tick);
            done();
          }
        }, 20);
      }),
  );
  await page.waitForTimeout(300);
  expect((await marks(page)).bagram).toEqual(['Bagram Air Base']);
  expect(await reports()).toBe(before);

  // A change in what it mentions is still reported.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Fasihuddin Fitrat spoke.';
    document.getElementById('feed')!.append(p);
  });
  await expect.poll(reports).toBe(before + 1);
});
