// Text a page holds but does not show (a menu for small screens, a drawer, a collapsed
// <details>): marked like the rest, so the marks are there when it is revealed, but not
// counted in the popup or the badge, and never where the next-mention command goes.
import { badgeText, expect, marks, openPopupFor, tabIdOf, test, waitForMarkCount } from './fixtures';

test.describe('hidden text', () => {
  test('is marked, but the popup and the badge count what the reader can see', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('hidden-text.html'));
    // Shown: the headline, the lede, and the paragraph about to fade in (opacity is not
    // hiding). Hidden: the nav, the drawer, the invisible placeholder, the until-found block
    // and the closed <details>.
    await waitForMarkCount(page, 8);
    expect((await marks(page))['doha-2020']).toEqual(['US-Taliban agreement']);
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('3');
    let popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('3');
    await expect(popup.locator('[data-topic]')).toHaveCount(1);
    await popup.close();

    // The reader opens the <details>: no change to the page's text, so nothing the observer
    // hears; the counts are looked at again a little later, and the popup asks afresh.
    await page.bringToFront();
    await page.getByText('Background').click();
    await expect.poll(() => badgeText(serviceWorker, tabId), { timeout: 15_000 }).toBe('4');
    popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('[data-topic="doha-2020"] .count')).toHaveText('1');
  });

  test('the next-mention command goes only to mentions on view', async ({ page, server, serviceWorker }) => {
    await page.goto(server.url('hidden-text.html'));
    await waitForMarkCount(page, 8);
    const tabId = await tabIdOf(page, serviceWorker);
    const next = (topic?: string) =>
      serviceWorker.evaluate(
        ({ id, topic }) =>
          chrome.tabs.sendMessage(id, topic ? { type: 'next-mention', topic } : { type: 'next-mention' }, {
            frameId: 0,
          }) as Promise<boolean>,
        { id: tabId, topic },
      );
    /** The id of the element the open card points at: the one whose text is nearest it. */
    const cardBeside = () =>
      page.evaluate(() => {
        const card = document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
        if (!card) return null;
        const box = card.getBoundingClientRect();
        let best: string | null = null;
        let nearest = Infinity;
        for (const id of ['headline', 'lede', 'fading']) {
          const text = document.getElementById(id)!.getBoundingClientRect();
          const gap = Math.min(Math.abs(box.top - text.bottom), Math.abs(text.top - box.bottom));
          if (gap < nearest) [best, nearest] = [id, gap];
        }
        return nearest < 40 ? best : `nowhere near (${Math.round(box.left)}, ${Math.round(box.top)})`;
      });
    const visited: Array<string | null> = [];
    for (let i = 0; i < 4; i++) {
      expect(await next()).toBe(true);
      await expect(page.getByRole('dialog')).toBeVisible();
      visited.push(await cardBeside());
    }
    // Reading order, then round again: the hidden ones in between are passed over.
    expect(visited).toEqual(['headline', 'lede', 'fading', 'headline']);
    // The agreement is only in the closed <details>: nothing to show until it is opened.
    expect(await next('doha-2020')).toBe(false);
    await page.keyboard.press('Escape');
    await page.getByText('Background').click();
    expect(await next('doha-2020')).toBe(true);
    await expect(page.getByRole('dialog', { name: /agreement/ })).toBeVisible();
  });
});
