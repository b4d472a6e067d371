import { expect, test, textCenter, waitForMarkCount, screenshotPath } from './fixtures';

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
    await page.screenshot({ path: screenshotPath('card.png'), clip: { x: 0, y: 0, width: 1280, height: 640 } });
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

  test('a quick pass over a mark opens nothing', async ({ page }) => {
    const at = await textCenter(page, '#lede', 'Air Base');
    await page.mouse.move(at.x, at.y - 200);
    await page.mouse.move(at.x, at.y, { steps: 2 });
    await page.waitForTimeout(100);
    await page.mouse.move(at.x, at.y + 200, { steps: 2 });
    await page.waitForTimeout(600);
    await expect(page.getByRole('dialog')).toHaveCount(0);
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
    await page.mouse.move(5, 5);
    await page.waitForTimeout(150);
    await expect(card).toBeVisible(); // the grace period
    await expect(card).toHaveCount(0);
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
});
