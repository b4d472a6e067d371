// The card on pages that do not hold still: a live page re-rendering the mention's paragraph,
// a selection being dragged, a box that scrolls on its own, a modal dialog.
import type { Page } from '@playwright/test';
import { expect, showNextMention, tabIdOf, test, textCenter, waitForMarkCount } from './fixtures';

const cardOpen = (page: Page) =>
  page.evaluate(() => !!document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]'));

/** Opens a modal dialog (styled `style`) that mentions Fitrat, rests the pointer on the
 *  mention and waits for its card. */
async function hoverInModal(page: Page, style = '') {
  await page.evaluate((style) => {
    const dialog = document.createElement('dialog');
    dialog.style.cssText = style;
    const p = document.createElement('p');
    p.id = 'in-dialog';
    p.textContent = 'In the dialog: Fasihuddin Fitrat spoke for the Taliban.';
    dialog.append(p);
    document.body.append(dialog);
    dialog.showModal();
  }, style);
  await waitForMarkCount(page, 9);
  const at = await textCenter(page, '#in-dialog', 'Fitrat');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
  await expect(card).toBeVisible();
  return { at, card };
}

test.beforeEach(async ({ page, server }) => {
  await page.goto(server.url('news.html'));
  await waitForMarkCount(page, 8);
});

test('a card stays open, on the same words, while a live page re-renders their paragraph', async ({ page }) => {
  // "Updated N s ago" beside the mention: the page replaces the paragraph's nodes every 300 ms.
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'live';
    p.style.cssText = 'position: fixed; top: 300px; left: 40px; margin: 0; font: 16px/20px sans-serif';
    document.body.append(p);
    let n = 0;
    const draw = () => {
      const b = document.createElement('b');
      b.textContent = 'Bagram Air Base';
      p.replaceChildren(`Updated ${n++} s ago: the Taliban said `, b, ' stays.');
    };
    draw();
    setInterval(draw, 300);
  });
  await waitForMarkCount(page, 9);
  const at = await textCenter(page, '#live', 'Air Base');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  // A card that closed at a re-render would be gone within 300 ms, and stay gone: the pointer
  // rests and sends no mousemove.
  const seen: boolean[] = [];
  for (let i = 0; i < 10; i++) {
    await page.waitForTimeout(150);
    seen.push(await cardOpen(page));
  }
  expect(seen.every(Boolean), JSON.stringify(seen)).toBe(true);
  const box = (await card.boundingBox())!;
  expect(Math.abs(box.y - (at.y + 10 + 6))).toBeLessThanOrEqual(2); // still just below its line
});

test('text that slides away from a still pointer (a ticker): the card follows it, then closes', async ({ page }) => {
  await page.evaluate(() => {
    const p = document.createElement('p');
    p.id = 'ticker';
    p.style.cssText = 'position: fixed; top: 320px; left: 40px; margin: 0; font: 16px/20px sans-serif';
    p.textContent = 'Breaking: the Taliban say Bagram Air Base stays theirs.';
    document.body.append(p);
  });
  await waitForMarkCount(page, 9);
  const at = await textCenter(page, '#ticker', 'Air Base');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  const before = (await card.boundingBox())!;
  // The ticker slides 200 px left: no scroll, no resize, no mousemove.
  await page.evaluate(() => (document.getElementById('ticker')!.style.transform = 'translateX(-200px)'));
  await page.waitForTimeout(350);
  // Where the card stands, if it is still open: read in one look, as it may close at any moment
  // (a locator would wait for it to come back).
  const x = await page.evaluate(
    () =>
      document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]')?.getBoundingClientRect()
        .x ?? null,
  );
  if (x !== null) expect(x).toBeLessThan(before.x - 150);
  // The pointer is over other text now: the card closes (0.3 s after it is seen).
  await expect.poll(() => cardOpen(page), { timeout: 2000 }).toBe(false);
});

test('no card while a selection is dragged across a mark; the page’s selection is the reader’s', async ({ page }) => {
  const from = await textCenter(page, '#lede', 'official');
  const over = await textCenter(page, '#lede', 'Air Base');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(over.x, over.y, { steps: 5 });
  await page.waitForTimeout(600);
  expect(await cardOpen(page)).toBe(false);
  await page.mouse.up();
  expect(await page.evaluate(() => document.getSelection()?.toString())).toContain('Bagram');
});

test('next mention scrolls a box that scrolls on its own to its mention', async ({ page, serviceWorker }) => {
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'box';
    box.style.cssText = 'position: fixed; top: 60px; right: 20px; width: 240px; height: 120px; overflow: auto';
    for (let i = 0; i < 30; i++) {
      const filler = document.createElement('p');
      filler.textContent = 'Filler text about the weather and the markets.';
      box.append(filler);
    }
    const deep = document.createElement('p');
    deep.id = 'deep';
    deep.textContent = 'Last: the Taliban kept Bagram Air Base.';
    box.append(deep);
    document.body.append(box);
  });
  await waitForMarkCount(page, 9);
  const tabId = await tabIdOf(page, serviceWorker);
  // The box's mention is the last in reading order: go round to it.
  let found = false;
  for (let i = 0; i < 9 && !found; i++) {
    await showNextMention(serviceWorker, tabId, 'bagram');
    found = await page.evaluate(() => document.getElementById('box')!.scrollTop > 0);
  }
  expect(found).toBe(true);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  const [mention, boxRect] = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('deep')!);
    return [range.getBoundingClientRect().toJSON(), document.getElementById('box')!.getBoundingClientRect().toJSON()];
  });
  // The mention is in the box's view, and the card beside it.
  expect(mention.top).toBeGreaterThanOrEqual(boxRect.top - 1);
  expect(mention.bottom).toBeLessThanOrEqual(boxRect.bottom + 1);
  const cardBox = (await card.boundingBox())!;
  expect(cardBox.y >= mention.bottom || cardBox.y + cardBox.height <= mention.top).toBe(true);
  // Scrolled out of its box's view, the mention takes its card with it (it stayed, pointing
  // at other text, holding the focus).
  await page.evaluate(() => document.getElementById('box')!.scrollTo({ top: 0, behavior: 'instant' }));
  await expect.poll(() => cardOpen(page)).toBe(false);
});

test('a card the keyboard opened closes when its mention is scrolled out of the window', async ({
  page,
  serviceWorker,
}) => {
  await page.evaluate(() => (document.body.style.paddingBottom = '3000px'));
  const tabId = await tabIdOf(page, serviceWorker);
  expect(await showNextMention(serviceWorker, tabId, 'fitrat')).toBe(true);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  await page.evaluate(() => window.scrollBy({ top: 2000, behavior: 'instant' }));
  await expect.poll(() => cardOpen(page)).toBe(false);
});

test('in an open modal dialog: the card opens over it and can be used; next mention stays in it', async ({
  page,
  serviceWorker,
}) => {
  const { card } = await hoverInModal(page);
  expect(await page.evaluate(() => !!document.querySelector('dialog context-overlay'))).toBe(true);
  // Onto the card and over its link: it stays (under the backdrop it was inert and closed).
  const link = card.getByRole('link').first();
  const linkBox = (await link.boundingBox())!;
  await page.mouse.move(linkBox.x + linkBox.width / 2, linkBox.y + linkBox.height / 2, { steps: 4 });
  await page.waitForTimeout(600);
  await expect(card).toBeVisible();
  expect(await page.evaluate(() => document.elementFromPoint(0, 0) !== null)).toBe(true);
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, {
    x: linkBox.x + linkBox.width / 2,
    y: linkBox.y + linkBox.height / 2,
  });
  expect(hit).toBe('context-overlay');

  // Escape closes the card, the topmost layer, and nothing under it: the dialog, and the
  // page's own Escape handler (a lightbox's), wait for the next one.
  await page.evaluate(() => {
    const w = window as unknown as { pageEscapes: number };
    w.pageEscapes = 0;
    document.addEventListener('keydown', (event) => event.key === 'Escape' && w.pageEscapes++);
  });
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  const afterOne = () =>
    page.evaluate(() => ({
      open: document.querySelector('dialog')!.open,
      pageEscapes: (window as unknown as { pageEscapes: number }).pageEscapes,
    }));
  expect(await afterOne()).toEqual({ open: true, pageEscapes: 0 });
  await page.keyboard.press('Escape');
  expect(await afterOne()).toEqual({ open: false, pageEscapes: 1 });
  await page.evaluate(() => document.querySelector('dialog')!.showModal());
  const tabId = await tabIdOf(page, serviceWorker);
  for (let i = 0; i < 3; i++) {
    expect(await showNextMention(serviceWorker, tabId)).toBe(true);
    await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  }
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('our element leaves the page when the card closes', async ({ page }) => {
  const at = await textCenter(page, '#lede', 'Air Base');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.querySelector('context-overlay') === null)).toBe(true);
});

test('next mention passes over text an ellipsis cuts off, and leaves the page’s own boxes as they were', async ({
  page,
  serviceWorker,
}) => {
  await page.evaluate(() => {
    const teaser = document.createElement('h3');
    teaser.id = 'teaser';
    teaser.style.cssText = 'width: 200px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis';
    teaser.textContent = 'A very long teaser headline that goes on and on about the army chief, Fitrat';
    document.body.prepend(teaser);
  });
  await waitForMarkCount(page, 9);
  const tabId = await tabIdOf(page, serviceWorker);
  for (let i = 0; i < 3; i++) {
    expect(await showNextMention(serviceWorker, tabId, 'fitrat')).toBe(true);
    await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  }
  expect(await page.evaluate(() => document.getElementById('teaser')!.scrollLeft)).toBe(0);
});

test('next mention does not scroll the page when its mention is in view, however tall its block', async ({
  page,
  serviceWorker,
}) => {
  await page.evaluate(() => {
    const tall = document.createElement('div');
    tall.style.cssText = 'position: absolute; top: 200px; left: 0; width: 600px; height: 3000px';
    tall.textContent = 'Near its top: the Taliban say Bagram Air Base stays theirs.';
    document.body.prepend(tall);
    document.body.style.minHeight = '4000px';
  });
  await waitForMarkCount(page, 9);
  const tabId = await tabIdOf(page, serviceWorker);
  // Round to the tall block's mention (the first in reading order: it was prepended).
  expect(await showNextMention(serviceWorker, tabId, 'bagram')).toBe(true);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('a menu placed outside the box that clips its parent: its mention opens a card', async ({ page }) => {
  await page.evaluate(() => {
    const holder = document.createElement('div');
    holder.style.cssText = 'position: fixed; top: 100px; left: 700px; width: 300px';
    const clip = document.createElement('div');
    clip.style.cssText = 'overflow: hidden; height: 20px';
    const menu = document.createElement('div');
    menu.id = 'menu';
    menu.style.cssText = 'position: absolute; top: 60px; left: 0; background: #eee';
    menu.textContent = 'Menu: Fasihuddin Fitrat profile';
    clip.append(menu);
    holder.append(clip);
    document.body.append(holder);
  });
  await waitForMarkCount(page, 9);
  const at = await textCenter(page, '#menu', 'Fitrat');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  await page.waitForTimeout(400);
  expect(await cardOpen(page)).toBe(true);
});

test('in a modal dialog centred with a transform, the card still stands beside its mention', async ({ page }) => {
  const { at, card } = await hoverInModal(
    page,
    'position: fixed; top: 50%; left: 50%; margin: 0; transform: translate(-50%, -50%)',
  );
  const box = (await card.boundingBox())!;
  expect(Math.abs(box.y - (at.y + 6)) < 20 || Math.abs(box.y + box.height - (at.y - 6)) < 20).toBe(true);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
});

test('a page that writes itself anew (document.open): its new text is marked, and cards open and close', async ({
  page,
  serviceWorker,
}) => {
  // document.open() erases every listener of the document and window, ours included.
  await page.evaluate(() => {
    document.open();
    // eslint-disable-next-line no-restricted-properties -- the page's own doing, under test
    document.write('<!doctype html><p id="w" style="font: 16px/20px sans-serif">Rewritten: Bagram Air Base.</p>');
    document.close();
  });
  await waitForMarkCount(page, 1);
  const at = await textCenter(page, '#w', 'Air Base');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await page.mouse.move(0, at.y + 200);
  expect(await showNextMention(serviceWorker, await tabIdOf(page, serviceWorker))).toBe(true);
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
});

test('on a page zoomed with CSS on its root element, the card stands right under its mention at its own size', async ({
  page,
}) => {
  await page.evaluate(() => (document.documentElement.style.zoom = '2'));
  const at = await textCenter(page, '#lede', 'Air Base');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  const box = (await card.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(Math.abs(box.y - at.y)).toBeLessThan(60); // beside the line, not twice as far down
  expect(box.width).toBeLessThan(viewport.width / 2 + 40);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
});

test('a page that opens itself anew and writes into it a task later keeps its cards', async ({ page }) => {
  await page.evaluate(async () => {
    document.open();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // eslint-disable-next-line no-restricted-properties -- the page's own doing, under test
    document.write('<!doctype html><p id="w" style="font: 16px/20px sans-serif">Later: Bagram Air Base.</p>');
    document.close();
  });
  await waitForMarkCount(page, 1);
  const at = await textCenter(page, '#w', 'Air Base');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
});
