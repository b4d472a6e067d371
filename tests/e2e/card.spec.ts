import type { Page } from '@playwright/test';
import { cardUiIn, expect, tabIdOf, test, textCenter, waitForMarkCount, screenshotPath } from './fixtures';

/** Adds a mention of Bagram Air Base where `style` puts it, rests the pointer on it and
 *  returns the card's box and the mention's line boxes (one per line it wraps over). */
async function cardBeside(page: Page, style: string) {
  await page.evaluate((style) => {
    const p = document.createElement('p');
    p.id = 'placed';
    p.setAttribute('style', `position: fixed; margin: 0; font: 16px/20px sans-serif; ${style}`);
    p.textContent = 'Bagram Air Base';
    document.body.append(p);
  }, style);
  await waitForMarkCount(page, 9);
  const lines = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('placed')!);
    return [...range.getClientRects()].map((r) => ({ top: r.top, bottom: r.bottom, left: r.left, right: r.right }));
  });
  const first = lines[0]!;
  await page.mouse.move((first.left + first.right) / 2, (first.top + first.bottom) / 2);
  const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
  await expect(card).toBeVisible();
  // Placed again as the card takes its size: wait until two reads agree.
  let previous = '';
  await expect
    .poll(async () => {
      const now = JSON.stringify(await card.boundingBox());
      const settled = now === previous;
      previous = now;
      return settled;
    })
    .toBe(true);
  const box = JSON.parse(previous) as { x: number; y: number; width: number; height: number };
  return { box, lines, viewport: page.viewportSize()! };
}

/** Starts timing, in the page, pointer moves against the card: `window.pointerTimes_` gets
 *  when the pointer first reached the box `over` (and when it left it), and when a card dialog
 *  was last seen open and first seen closed after it was open (read at every frame, from the
 *  overlay's open shadow root). Timed in the page: a round trip to the test can take longer
 *  than the hover delays on a busy machine. */
function timePointer(page: Page, over: { x: number; y: number }) {
  return page.evaluate((over) => {
    const times: { entered?: number; left?: number; opened?: number; closed?: number } = {};
    (window as unknown as { pointerTimes_: typeof times }).pointerTimes_ = times;
    addEventListener('mousemove', (e) => {
      const on = Math.abs(e.clientX - over.x) < 3 && Math.abs(e.clientY - over.y) < 3;
      if (on) times.entered ??= e.timeStamp;
      else if (times.entered !== undefined) times.left ??= e.timeStamp;
    });
    // The time now, not the frame's start: that may come before the card opened or closed.
    const look = () => {
      const open = !!document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
      if (open) times.opened ??= performance.now();
      else if (times.opened !== undefined) times.closed ??= performance.now();
      requestAnimationFrame(look);
    };
    look();
  }, over);
}

const pointerTimes = (page: Page) =>
  page.evaluate(() => (window as unknown as { pointerTimes_: Record<string, number | undefined> }).pointerTimes_);

/** Within a pixel: the card is placed on whole pixels, the mention's edges are not. */
const near = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1);

test.describe('hover card', () => {
  test.beforeEach(async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
  });

  test('opens after resting on a mark, beside it, with facts from the article', async ({ page }) => {
    const at = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
    await expect(card).toBeVisible();
    await expect(card).toContainText("Chief of staff at Afghanistan's defense ministry.");
    await expect(card).toContainText("A deal over even an inch of Afghanistan's soil is not possible.");
    await expect(card.locator('li[data-sentence]')).toHaveCount(2);
    // The card sits beside the mention, never over it.
    const mention = await page.evaluate(() => {
      const p = document.getElementById('fitrat-para')!;
      const range = document.createRange();
      range.selectNodeContents(p.querySelector('b')!);
      const r = range.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    const box = (await card.boundingBox())!;
    expect(box.y >= mention.bottom || box.y + box.height <= mention.top).toBe(true);
    expect(box.width).toBeLessThanOrEqual(362);
    // (Its entrance animation run to its end: a shot mid-fade shows the page through the card.)
    await page.screenshot({
      path: screenshotPath('card.png'),
      clip: { x: 0, y: 0, width: 1280, height: 640 },
      animations: 'disabled',
    });
  });

  test('opening by pointer never steals focus from what the reader was typing in', async ({ page }) => {
    await page.click('#comment');
    const at = await textCenter(page, '#lede', 'Air Base');
    await page.mouse.move(at.x, at.y);
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
    await page.keyboard.type(' too');
    await expect(page.locator('#comment')).toHaveValue('I served at Bagram Air Base too');
  });

  test('stays inside a small window, beside the mention', async ({ page }) => {
    await page.setViewportSize({ width: 420, height: 360 });
    const at = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.evaluate((y) => window.scrollBy(0, y - 300), at.y);
    const mark = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.mouse.move(mark.x, mark.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    expect(box.y + box.height).toBeLessThanOrEqual(360);
    expect(box.y + box.height <= mark.y - 8 || box.y >= mark.y + 8).toBe(true);
  });

  test('its UI runs once, when a card is first wanted, not with the page', async ({ page, serviceWorker }) => {
    const tabId = await tabIdOf(page, serviceWorker);
    // Marked, and no card yet: the card's UI has not run in the page.
    await page.waitForTimeout(300);
    expect(await cardUiIn(serviceWorker, tabId)).toBe('none');
    const first = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.mouse.move(first.x, first.y);
    await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
    expect(await cardUiIn(serviceWorker, tabId, 'the first run')).toBe('the first run');
    await page.mouse.move(5, 5);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const second = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.mouse.move(second.x, second.y);
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
    expect(await cardUiIn(serviceWorker, tabId)).toBe('the first run');
  });

  test('a quick pass over a mark opens nothing', async ({ page }) => {
    const at = await textCenter(page, '#lede', 'Air Base');
    await page.mouse.move(at.x, at.y - 200);
    await timePointer(page, at);
    await page.mouse.move(at.x, at.y, { steps: 2 });
    await page.waitForTimeout(100);
    // Away the way it came: a card that opened meanwhile (below the mention) is not crossed.
    await page.mouse.move(at.x, at.y - 200, { steps: 2 });
    await page.waitForTimeout(600);
    const { entered, left } = await pointerTimes(page);
    // The pass took less than the 250 ms hover delay in the page's own time, however long the
    // test's round trips took (or this run says nothing, and the test says so).
    expect(left! - entered!).toBeLessThan(230);
    // No card at all, not even one that opened and closed again: the host comes with the first.
    await expect(page.locator('context-overlay')).toHaveCount(0);
  });

  test('stays open while the pointer moves onto it, closes after leaving both', async ({ page }) => {
    const at = await textCenter(page, '#history', 'Doha Agreement');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' });
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20, { steps: 4 });
    await page.waitForTimeout(700);
    await expect(card).toBeVisible();
    await timePointer(page, { x: 5, y: 5 });
    await page.mouse.move(5, 5);
    await expect(card).toHaveCount(0);
    // The grace period, timed in the page: open for the 300 ms after the pointer left. (The
    // page's look at the card runs once per frame: on a busy machine the next one may be late.)
    await expect.poll(async () => (await pointerTimes(page)).closed).toBeDefined();
    const { entered, closed } = await pointerTimes(page);
    expect(closed! - entered!).toBeGreaterThanOrEqual(250);
  });

  test('Escape closes it', async ({ page }) => {
    const at = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    await page.waitForTimeout(400);
    await expect(card).toHaveCount(0); // resting on the same mark does not reopen it
  });

  test('page CSS cannot restyle or hide the card', async ({ page }) => {
    await page.addStyleTag({
      content: 'context-overlay, context-overlay * { display: none !important; } * { font-size: 40px !important; }',
    });
    const at = await textCenter(page, '#lede', 'Air Base');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    const titleSize = await card.locator('h2').evaluate((el) => getComputedStyle(el).fontSize);
    expect(titleSize).toBe('16px');
  });

  test('flips above a mention near the bottom of the window, 6 px clear of it, left-aligned', async ({ page }) => {
    const { box, lines } = await cardBeside(page, 'left: 40px; bottom: 12px;');
    const mention = lines[0]!;
    near(box.y + box.height, mention.top - 6);
    near(box.x, mention.left);
    expect(box.y).toBeGreaterThanOrEqual(8);
  });

  test('shifts left to stay 8 px inside the window near its right edge, below the mention', async ({ page }) => {
    const { box, lines, viewport } = await cardBeside(page, 'right: 0; top: 40px;');
    const mention = lines[0]!;
    near(box.y, mention.bottom + 6);
    near(box.x + box.width, viewport.width - 8);
  });

  test('lines up with the mention’s right end when its left end would push the card out', async ({ page }) => {
    const { box, lines } = await cardBeside(page, 'right: 40px; top: 40px;');
    const mention = lines[0]!;
    near(box.x + box.width, mention.right);
  });

  test('below a mention wrapped over two lines, it starts under the second line', async ({ page }) => {
    // "Bagram" ends the first line, indented; "Air Base" makes the second, further left.
    const { box, lines } = await cardBeside(page, 'left: 100px; top: 40px; width: 100px; text-indent: 30px;');
    expect(lines.length).toBeGreaterThan(1);
    const last = lines.at(-1)!;
    near(box.y, last.bottom + 6);
    near(box.x, last.left);
  });

  test('follows its mention when the page scrolls', async ({ page }) => {
    const at = await textCenter(page, '#history', 'Doha Agreement');
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' });
    await expect(card).toBeVisible();
    await page.evaluate(() => (document.body.style.paddingBottom = '2000px'));
    const before = (await card.boundingBox())!;
    // Read in the frame after the scroll (its scroll event comes before the frame's callbacks):
    // the scroll also takes the pointer off the mark, and the card closes 300 ms later.
    const after = await page.evaluate(async () => {
      window.scrollBy(0, 30);
      await new Promise(requestAnimationFrame);
      await new Promise(requestAnimationFrame);
      const dialog = document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]');
      return dialog?.getBoundingClientRect().y ?? NaN;
    });
    expect(Math.abs(after - (before.y - 30))).toBeLessThanOrEqual(1);
  });
});

test.describe('hover card, cut short or right to left', () => {
  for (const lang of ['en', 'fa'] as const) {
    test.describe(`interface in ${lang}`, () => {
      test.use({ uiLanguage: lang });
      test('on a right-to-left page: lines up with the mention’s right end, its English reads left to right', async ({
        page,
        server,
      }) => {
        await page.goto(server.url('rtl.html'));
        await waitForMarkCount(page, 3);
        const mention = await page.evaluate(() => {
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('bagram')!);
          const r = range.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        });
        await page.mouse.move((mention.left + mention.right) / 2, (mention.top + mention.bottom) / 2);
        const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
        await expect(card).toBeVisible();
        await expect
          .poll(async () => (await card.boundingBox())!.x + (await card.boundingBox())!.width)
          .toBeCloseTo(mention.right, 0);
        const directions = await card.evaluate((el) =>
          ['.title', '.description', '.facts', '.quote', '.timeline ol', '.timeline summary', '.provenance'].map(
            (s) => {
              const part = el.querySelector(s);
              return part ? `${s} ${getComputedStyle(part).direction}` : `${s} missing`;
            },
          ),
        );
        // The article's words left to right; the card's own (the footer) in the reader's language.
        expect(directions).toEqual([
          '.title ltr',
          '.description ltr',
          '.facts ltr',
          '.quote ltr',
          '.timeline ol ltr',
          `.timeline summary ${lang === 'fa' ? 'rtl' : 'ltr'}`,
          `.provenance ${lang === 'fa' ? 'rtl' : 'ltr'}`,
        ]);
        await page.screenshot({
          path: screenshotPath(`card-rtl-page-${lang}.png`),
          clip: { x: 0, y: 0, width: 1280, height: 720 },
          animations: 'disabled',
        });
      });
    });
  }

  test('cut short by a low window: keeps its footer in sight and shades it while more is below', async ({
    page,
    server,
  }) => {
    await page.setViewportSize({ width: 1280, height: 420 });
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const at = await textCenter(page, '#lede', 'Air Base');
    await page.evaluate((y) => window.scrollBy(0, y - 150), at.y);
    const again = await textCenter(page, '#lede', 'Air Base');
    await page.mouse.move(again.x, again.y);
    const card = page.getByRole('dialog', { name: 'Bagram Air Base' });
    await expect(card).toBeVisible();
    await expect(card).toHaveAttribute('data-more-below', '');
    const footer = card.locator('.provenance');
    const inSight = async () => {
      const [c, f] = [(await card.boundingBox())!, (await footer.boundingBox())!];
      return f.y >= c.y && f.y + f.height <= c.y + c.height + 1;
    };
    expect(await inSight()).toBe(true);
    expect(await footer.evaluate((el) => getComputedStyle(el).boxShadow)).not.toBe('none');
    await page.screenshot({ path: screenshotPath('card-cut-short.png'), animations: 'disabled' });
    // A link the keyboard reaches is scrolled into sight above the footer, not under it.
    // (Those of the closed timeline are not shown, and take no focus.)
    const links = card.locator('.facts a.source, .quote a.source');
    for (let i = 0; i < (await links.count()); i++) {
      await links.nth(i).focus();
      const [link, f] = [(await links.nth(i).boundingBox())!, (await footer.boundingBox())!];
      expect(link.y + link.height, `source link ${i}`).toBeLessThanOrEqual(f.y + 1);
    }
    // Scrolled to its end: nothing more below, no shade, the footer where it was.
    await card.evaluate((el) => el.scrollTo({ top: el.scrollHeight, behavior: 'instant' }));
    await expect(card).not.toHaveAttribute('data-more-below');
    expect(await inSight()).toBe(true);
    expect(await footer.evaluate((el) => getComputedStyle(el).boxShadow)).toBe('none');
  });
});
