import type { Page } from '@playwright/test';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';
import { expect, marks, setSettings, test, waitForMarkCount } from './fixtures';

/** The reader has seen the page: its first paint is on record. Right after load it may not
 *  be yet (the entry comes with the frame's presentation, later on a busy machine), and the
 *  extension then marks the page as one not yet shown, from the top. */
const firstPaint = (page: Page) => page.waitForFunction(() => performance.getEntriesByType('paint').length > 0);

const PARAGRAPHS = 3000;
const MARKS = 2 * PARAGRAPHS + 1; // two per paragraph, one in the fixed header

interface Frame {
  total: number;
  onScreen: number;
  top: number;
}

/** Records, at every frame the page paints, how many marks there are in all, in the
 *  paragraphs on screen, and in the first 100 paragraphs. Resolves the paragraphs on screen. */
function recordFrames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const onScreen = new Set(
      [...document.querySelectorAll('main p')]
        .filter((p) => {
          const r = p.getBoundingClientRect();
          return r.bottom > 0 && r.top < innerHeight;
        })
        .map((p) => p.id),
    );
    const frames: Frame[] = [];
    (window as unknown as { frames_: Frame[] }).frames_ = frames;
    const record = () => {
      const frame = { total: 0, onScreen: 0, top: 0 };
      for (const highlight of CSS.highlights.values())
        for (const range of highlight as unknown as Iterable<AbstractRange>) {
          frame.total++;
          const id = range.startContainer.parentElement?.id ?? '';
          if (onScreen.has(id)) frame.onScreen++;
          if (/^p\d\d?$/.test(id)) frame.top++;
        }
      frames.push(frame);
      if (frame.total < 2 * 3000 + 1) requestAnimationFrame(record);
    };
    requestAnimationFrame(record);
    return [...onScreen];
  });
}

test('a page shown far down is marked on screen first, then everywhere', async ({ page, server, serviceWorker }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: true });
  await page.goto(server.url('long-report.html'));
  await page.evaluate(() => document.getElementById('p1800')!.scrollIntoView());

  await firstPaint(page);
  const onScreen = await recordFrames(page);
  expect(onScreen.length).toBeGreaterThan(5);
  // The reader switches the extension on while reading the middle of the page.
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: false });
  await waitForMarkCount(page, MARKS);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { frames_: Frame[] }).frames_.at(-1)?.total))
    .toBe(MARKS);

  const frames = await page.evaluate(() => (window as unknown as { frames_: Frame[] }).frames_);
  const painted = frames.filter((f) => f.total > 0);
  // A frame was painted while the marks came: the order was there to be seen.
  expect(painted.filter((f) => f.total < MARKS).length).toBeGreaterThan(0);
  // The first frame with any mark shows every mention on screen marked.
  expect(painted[0]!.onScreen).toBe(2 * onScreen.length);
  // And the top of the page, far above, was not marked before the screen was.
  const firstTop = painted.find((f) => f.top > 0)!;
  expect(firstTop.onScreen).toBe(2 * onScreen.length);
});

test('a mark on screen waits for the page above it: a namesake there still rules it out', async ({
  page,
  server,
  serviceWorker,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: true });
  await page.goto(server.url('long-report.html'));
  // Another Fitrat at the top of the page: read in document order, the page has a namesake
  // by the time it reaches the bare "Fitrat" far below, which then does not count.
  await page.evaluate(() => {
    document.getElementById('p0')!.textContent = 'Nasir Fitrat, a local trader, was interviewed in Kabul.';
    document.getElementById('p1800')!.textContent = 'Fitrat told reporters the Taliban would comply.';
    document.getElementById('p1800')!.scrollIntoView({ block: 'center' });
  });
  await firstPaint(page);
  await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: false });
  await waitForMarkCount(page, MARKS - 4);
  await page.waitForTimeout(300);
  expect((await marks(page)).fitrat).toEqual([]);
});
