import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import {
  expect,
  marks,
  showNextMention,
  tabIdOf,
  test,
  textCenter,
  waitForMarkCount,
  screenshotPath,
} from './fixtures';

/** Waits for the card's fade-in to end: contrast is judged on the colours the reader then sees. */
const settled = (card: Locator) =>
  card.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)).then(() => true));

test('a fact’s source link opens the article reader at that sentence, marked', async ({
  page,
  server,
  browserContext,
}) => {
  await page.goto(server.url('news.html'));
  await waitForMarkCount(page, 8);
  const at = await textCenter(page, '#fitrat-para', 'Fitrat');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
  await expect(card).toBeVisible();
  const opened = browserContext.waitForEvent('page');
  await card.locator('li[data-sentence="p9s1"] a.source').click();
  const reader = await opened;
  await reader.waitForLoadState();
  expect(new URL(reader.url()).pathname).toBe('/article.html');
  expect(new URL(reader.url()).hash).toBe('#p9s1');
  const cited = reader.locator('#p9s1');
  await expect(cited).toHaveClass(/cited/);
  await expect(cited).toContainText('Recently, some people have said');
  await expect(cited).toBeInViewport();
  await expect(reader.locator('.cited')).toHaveCount(1);
});

test('the reader page marks the topics and its cards work, with no accessibility violations', async ({
  page,
  extensionId,
}) => {
  await page.goto(`chrome-extension://${extensionId}/article.html#p12s1`);
  await expect(page.locator('#p12s1')).toHaveClass(/cited/);
  // In any order: the cited sentence is on screen, so it is marked first.
  await expect
    .poll(async () => {
      const { fitrat, 'doha-2020': doha } = await marks(page);
      return { fitrat: fitrat?.sort(), doha };
    })
    .toEqual({ fitrat: ['Fasihuddin Fitrat', 'Fitrat'], doha: ['2020 agreement'] });
  const at = await textCenter(page, '#p12s1', '2020 agreement');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' });
  await expect(card).toBeVisible();
  await settled(card);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test.describe('keyboard and screen-reader path', () => {
  test('the next-mention command scrolls to the mention, opens its card and focuses it; Esc gives focus back', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await page.focus('#search');
    const tabId = await tabIdOf(page, serviceWorker);
    const next = () => showNextMention(serviceWorker, tabId);
    expect(await next()).toBe(true);
    const first = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(first).toBeVisible();
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement;
        return inner
          ? `${host!.tagName.toLowerCase()} > ${inner.getAttribute('role') ?? inner.tagName.toLowerCase()}`
          : host?.id;
      });
    expect(await focused()).toBe('context-overlay > dialog');
    // Tab moves within the card, to its first link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)).toBe('source');
    // Next, next: reading order is headline Bagram, then the lede's Bagram Air Base, then Fitrat.
    expect(await next()).toBe(true);
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
    expect(await next()).toBe(true);
    await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
    await page.mouse.move(5, 5); // the pointer wandering off does not close a keyboard-opened card
    await page.waitForTimeout(500);
    await expect(page.getByRole('dialog')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await focused()).toBe('search');
  });

  test('Tab past the card’s last link, or Shift+Tab before its first, closes it and gives the focus back', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await page.focus('#search');
    const tabId = await tabIdOf(page, serviceWorker);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    expect(await showNextMention(serviceWorker, tabId)).toBe(true);
    await expect(card).toBeFocused();
    const inCard = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent);
    for (let i = 0; i < 20 && (await inCard()) !== 'Read the article'; i++) await page.keyboard.press('Tab');
    await expect(card).toBeVisible();
    expect(await inCard()).toBe('Read the article');
    await page.keyboard.press('Tab');
    await expect(card).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    expect(await showNextMention(serviceWorker, tabId)).toBe(true);
    await expect(page.getByRole('dialog')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
  });

  test('Esc after the reader moved the focus out of the card leaves it where they put it', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await page.focus('a[href="#bagram"]');
    const tabId = await tabIdOf(page, serviceWorker);
    expect(await showNextMention(serviceWorker, tabId)).toBe(true);
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeFocused();
    // The reader goes to the search field (the card stays, as a keyboard-opened one does),
    // types, and presses Esc: the card closes, and the caret stays in the field.
    await page.focus('#search');
    await page.keyboard.press('End');
    await page.keyboard.type(' news');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    expect(await page.inputValue('#search')).toBe('Fasihuddin Fitrat news');
  });

  test('a topic’s next mention can be asked for by topic, and scrolled into view', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await page.setViewportSize({ width: 800, height: 300 });
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const tabId = await tabIdOf(page, serviceWorker);
    expect(await showNextMention(serviceWorker, tabId, 'doha-2020')).toBe(true);
    await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeInViewport();
    const y = await page.evaluate(() => scrollY);
    expect(y).toBeGreaterThan(0);
  });

  test('a click elsewhere closes the card', async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const at = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    await card.click({ position: { x: 10, y: 10 } }); // clicks on the card keep it
    await expect(card).toBeVisible();
    await page.mouse.click(5, 700);
    await expect(card).toHaveCount(0);
  });
});

test.describe('look', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the open card in ${scheme} mode has no accessibility violations`, async ({ page, server }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(server.url('news.html'));
      await waitForMarkCount(page, 8);
      const at = await textCenter(page, '#lede', 'Air Base');
      await page.mouse.move(at.x, at.y);
      const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
      await expect(card).toBeVisible();
      await card.locator('summary').click();
      await expect(card.locator('.timeline li')).toHaveCount(7);
      await settled(card);
      expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(CARD_BACKGROUND[scheme]);
      const results = await new AxeBuilder({ page }).include('context-overlay').analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      await page.screenshot({ path: screenshotPath(`card-${scheme}.png`), animations: 'disabled' });
    });
  }

  test('on a dark page in a light browser the card is dark too, with no accessibility violations', async ({
    page,
    server,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openPage(
      page,
      server.url('dark-page.html'),
      `<!doctype html><html lang="en"><head><title>Night desk</title></head>
          <body style="margin: 40px; background: #121417; color: #e6e6e6; font: 18px/1.6 serif">
          <main><p id="lede">The Taliban say a deal over <span style="background: rgba(255,255,255,.05)">Bagram Air Base</span> is not possible.</p></main>
          </body></html>`,
    );
    const at = await textCenter(page, '#lede', 'Bagram Air Base');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    await settled(card);
    expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(CARD_BACKGROUND.dark);
    const results = await new AxeBuilder({ page }).include('context-overlay').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.screenshot({ path: screenshotPath('card-on-dark-page.png'), animations: 'disabled' });

    // A light page whose colour the browser keeps as written (oklch, as Tailwind's are), the
    // mention inside a web component: a light card.
    await openPage(
      page,
      server.url('light-page.html'),
      `<!doctype html><html lang="en"><head><title>Day desk</title></head>
          <body style="margin: 40px; background: oklch(0.985 0.002 247.8); font: 18px/1.6 serif">
          <div id="host"></div><script>
          document.getElementById('host').attachShadow({ mode: 'open' }).innerHTML =
            '<p id="lede">The Taliban say a deal over Bagram Air Base is not possible.</p>';
          </script></body></html>`,
    );
    const inShadow = await page.evaluate(() => {
      const p = document.getElementById('host')!.shadowRoot!.getElementById('lede')!;
      const text = p.firstChild as Text;
      const range = document.createRange();
      const start = text.data.indexOf('Bagram');
      range.setStart(text, start);
      range.setEnd(text, start + 'Bagram Air Base'.length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    });
    await page.mouse.move(inShadow.x, inShadow.y);
    await expect(card).toBeVisible();
    expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(CARD_BACKGROUND.light);
  });
});

/** Serves `body` as the HTML page at `url`, goes there and waits for its one mark. */
async function openPage(page: Page, url: string, body: string): Promise<void> {
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(url);
  await waitForMarkCount(page, 1);
}

/** The card's background in each of its colour schemes (src/ui/card.css). */
const CARD_BACKGROUND = { light: 'rgb(255, 255, 255)', dark: 'rgb(30, 35, 44)' };
