// Text a page holds but does not show (a menu for small screens, a drawer, a collapsed
// <details>, a component's hidden part): marked like the rest, so the marks are there when it
// is revealed, but not counted in the popup or the badge, and never where the next-mention
// command goes.
import type { Page } from '@playwright/test';
import { badgeText, expect, marks, openPopupFor, showNextMention, tabIdOf, test, waitForMarkCount } from './fixtures';

/** Marked: 10 Bagram (shown: the headline, the lede's `display: contents` span, the paragraph
 *  about to fade in, the <summary>, the reveal-on-scroll paragraph below the screen; hidden:
 *  the nav, the drawer, the placeholder on screen, the until-found block, a slot's fallback
 *  that its assigned text replaces), 3 Fitrat (shown in one component, hidden in a hidden
 *  <div> and a closed <details> of two others), the agreement inside the closed <details>. */
const MARKED = 14;

/** The id of the element the open card points at: the candidate whose text is nearest it. */
const cardBeside = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
    if (!card) return null;
    const box = card.getBoundingClientRect();
    let best: string | null = null;
    let nearest = Infinity;
    for (const id of ['headline', 'lede', 'fading', 'summary', 'panel', 'box', 'fold', 'label', 'reveal']) {
      const text = document.getElementById(id)!.getBoundingClientRect();
      const gap = Math.min(Math.abs(box.top - text.bottom), Math.abs(text.top - box.bottom));
      if (gap < nearest) [best, nearest] = [id, gap];
    }
    return nearest < 40 ? best : `nowhere near (${Math.round(box.left)}, ${Math.round(box.top)})`;
  });

test.describe('hidden text', () => {
  test('is marked, but the popup and the badge count what the reader can see', async ({
    page,
    server,
    serviceWorker,
    extensionId,
    browserContext,
  }) => {
    await page.goto(server.url('hidden-text.html'));
    await waitForMarkCount(page, MARKED);
    expect((await marks(page))['doha-2020']).toEqual(['US-Taliban agreement']);
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('6');
    let popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('5');
    await expect(popup.locator('[data-topic="fitrat"] .count')).toHaveText('1');
    await expect(popup.locator('[data-topic]')).toHaveCount(2);
    await popup.close();

    // The reader opens the <details>: no change to the page's text, so nothing the observer
    // hears; the counts are looked at again soon after the reader's click. (Past the first
    // looks after the load: the next one is 10 s away.)
    await page.bringToFront();
    await page.waitForTimeout(5_000);
    await page.locator('#summary').click();
    await expect.poll(() => badgeText(serviceWorker, tabId), { timeout: 1_500, intervals: [100] }).toBe('7');
    popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('[data-topic="doha-2020"] .count')).toHaveText('1');
  });

  test('a page hiding text it showed (a single-page app’s old view): the badge follows once the new one is in', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('8');
    await page.evaluate(() => {
      document.getElementById('fitrat-para')!.hidden = true; // its two mentions
      const next = document.createElement('p');
      next.textContent = 'Bagram, again.';
      document.querySelector('article')!.append(next);
    });
    await waitForMarkCount(page, 9);
    await expect.poll(() => badgeText(serviceWorker, tabId), { timeout: 6_000 }).toBe('7');
  });

  test('the next-mention command goes only to mentions on view', async ({ page, server, serviceWorker }) => {
    await page.goto(server.url('hidden-text.html'));
    await waitForMarkCount(page, MARKED);
    const tabId = await tabIdOf(page, serviceWorker);
    const visited: Array<string | null> = [];
    for (let i = 0; i < 6; i++) {
      expect(await showNextMention(serviceWorker, tabId, 'bagram')).toBe(true);
      await expect(page.getByRole('dialog')).toBeVisible();
      visited.push(await cardBeside(page));
    }
    // Reading order, then round again: the hidden ones in between are passed over, and the
    // one further down (hidden until the reader scrolls to it) is not.
    expect(visited).toEqual(['headline', 'lede', 'fading', 'summary', 'reveal', 'headline']);
    expect(await showNextMention(serviceWorker, tabId, 'fitrat')).toBe(true);
    expect(await cardBeside(page)).toBe('box');
    expect(await showNextMention(serviceWorker, tabId, 'fitrat')).toBe(true);
    expect(await cardBeside(page)).toBe('box');
    // The agreement is only in the closed <details>: nothing to show until it is opened.
    expect(await showNextMention(serviceWorker, tabId, 'doha-2020')).toBe(false);
    await page.keyboard.press('Escape');
    await page.locator('#summary').click();
    expect(await showNextMention(serviceWorker, tabId, 'doha-2020')).toBe(true);
    await expect(page.getByRole('dialog', { name: /agreement/ })).toBeVisible();
  });
});
