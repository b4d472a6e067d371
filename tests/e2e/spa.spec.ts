import { expect, marks, tabIdOf, test, waitForMarkCount, openPopupFor, badgeText } from './fixtures';

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
