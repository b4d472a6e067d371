// Documents that are not HTML: an XHTML page (its elements' tagName is lower case, or prefixed), a plain
// text file (Chromium shows it in a <pre>) and an SVG image opened on its own.
import type { Page } from '@playwright/test';
import { cardClosesOnMoveInto, expect, marks, test, textCenter } from './fixtures';

/** The marks per topic, topics without any left out. */
const found = async (page: Page) =>
  Object.fromEntries(Object.entries(await marks(page)).filter(([, list]) => list.length > 0));

/** One story, served as HTML and as XHTML. The aside in the article is part of the story (a
 *  fact box): the namesake in it rules out the bare "Fitrat" after it. */
const STORY_BODY = `
    <article>
      <p id="lede">The Taliban said Bagram Air Base would stay in Afghan hands.</p>
      <aside id="box">Nasir Fitrat, a trader in Kabul, was also interviewed.</aside>
      <p id="fitrat-para">Fasihuddin Fitrat, chief of staff at the defence ministry, said no deal was possible.</p>
      <p id="bare">Fitrat told reporters the Taliban would comply.</p>
      <footer id="byline">Reporting from Kabul; Bagram Air Base pictured.</footer>
    </article>
    <script>/* Bagram Air Base */</script>
    <textarea id="comment">Bagram Air Base</textarea>`;
const XHTML = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
  <head><title>Bagram, in XHTML</title></head>
  <body>${STORY_BODY}</body>
</html>`;
const HTML = `<!doctype html><html lang="en"><head><title>Bagram, in HTML</title></head><body>${STORY_BODY}</body></html>`;

const TEXT = `Afghan officials reject US demand over Bagram

Fasihuddin Fitrat, chief of staff at the defence ministry, said on Sunday that no deal over
Bagram Air Base was possible. US troops left the base in 2021 under the Doha Agreement.
`;

const SVG = `<?xml version="1.0" encoding="utf-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="200" viewBox="0 0 800 200">
  <text x="20" y="60" font-size="24">A map of Bagram Air Base, north of Kabul</text>
</svg>`;

test('an XHTML page is marked as the same page in HTML, and its cards open', async ({ page, server }) => {
  const asHtml = server.url('story.html');
  const asXhtml = server.url('story.xhtml');
  await page.route(asHtml, (route) => route.fulfill({ contentType: 'text/html', body: HTML }));
  await page.route(asXhtml, (route) => route.fulfill({ contentType: 'application/xhtml+xml', body: XHTML }));
  await page.goto(asHtml);
  await expect.poll(async () => Object.values(await found(page)).flat().length).toBe(3);
  const inHtml = await found(page);
  expect(inHtml).toEqual({ bagram: ['Bagram Air Base', 'Bagram Air Base'], fitrat: ['Fasihuddin Fitrat'] });
  await page.goto(asXhtml);
  expect(await page.evaluate(() => document.querySelector('p')!.tagName)).toBe('p');
  await expect.poll(() => found(page)).toEqual(inHtml);
  await page.waitForTimeout(300);
  expect(await found(page)).toEqual(inHtml);
  const at = await textCenter(page, '#fitrat-para', 'Fitrat');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  // The card's own words (its element is lower case in XHTML too) are never marked.
  await page.waitForTimeout(500);
  expect(await found(page)).toEqual(inHtml);
});

test('in XHTML too, the pointer going from a mark straight into a frame closes its card', async ({ page, server }) => {
  const url = server.url('framed.xhtml');
  const body = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en">
  <head><title>Framed</title></head>
  <body style="margin: 0; font: 20px/1.5 sans-serif">
    <p id="para" style="margin: 40px 0 0 20px">Fasihuddin Fitrat spoke.</p>
    <iframe id="frame" srcdoc="&lt;p&gt;An embed&lt;/p&gt;"
      style="position: absolute; left: 300px; top: 20px; width: 400px; height: 300px; border: 0"></iframe>
  </body>
</html>`;
  await page.route(url, (route) => route.fulfill({ contentType: 'application/xhtml+xml', body }));
  await page.goto(url);
  await expect.poll(async () => (await found(page)).fitrat).toEqual(['Fasihuddin Fitrat']);
  // Straight into the frame, above the card: the page sees the pointer leave, and no move after.
  await cardClosesOnMoveInto(
    page,
    { selector: '#para', word: 'Fitrat', title: 'Fasihuddin Fitrat' },
    { x: 600, y: 30 },
  );
});

test('a plain text file is marked, and its cards open', async ({ page, server }) => {
  const url = server.url('story.txt');
  await page.route(url, (route) => route.fulfill({ contentType: 'text/plain; charset=utf-8', body: TEXT }));
  await page.goto(url);
  await expect
    .poll(() => found(page))
    .toEqual({
      bagram: ['Bagram', 'Bagram Air Base'],
      fitrat: ['Fasihuddin Fitrat'],
      'doha-2020': ['Doha Agreement'],
    });
  const at = await textCenter(page, 'pre', 'Doha Agreement');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();
});

test('an SVG image opened on its own is marked', async ({ page, server }) => {
  const url = server.url('map.svg');
  await page.route(url, (route) => route.fulfill({ contentType: 'image/svg+xml', body: SVG }));
  await page.goto(url);
  await expect.poll(() => found(page)).toEqual({ bagram: ['Bagram Air Base'] });
});

test('in XHTML, a prefixed form field or script of another namespace is skipped as any other', async ({
  page,
  server,
}) => {
  const url = server.url('prefixed.xhtml');
  // Prefixes name the namespace, not the element: <h:textarea> is an HTML textarea (the
  // reader's own text), <svg:script> a script. Their tagName carries the prefix.
  const body = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:h="http://www.w3.org/1999/xhtml"
      xmlns:svg="http://www.w3.org/2000/svg" lang="en">
  <head><title>Prefixed</title></head>
  <body>
    <p id="lede">Fasihuddin Fitrat spoke at Bagram Air Base.</p>
    <h:textarea id="reply">A draft about the Doha Agreement</h:textarea>
    <svg:svg width="200" height="40">
      <svg:script>/* Doha Agreement */</svg:script>
      <svg:style>/* Doha Agreement */</svg:style>
      <svg:text x="0" y="20">Bagram Air Base</svg:text>
    </svg:svg>
  </body>
</html>`;
  await page.route(url, (route) => route.fulfill({ contentType: 'application/xhtml+xml', body }));
  await page.goto(url);
  expect(await page.evaluate(() => document.getElementById('reply')!.tagName)).toBe('h:textarea');
  const expected = { bagram: ['Bagram Air Base', 'Bagram Air Base'], fitrat: ['Fasihuddin Fitrat'] };
  await expect.poll(() => found(page)).toEqual(expected);
  await page.waitForTimeout(300);
  expect(await found(page)).toEqual(expected);
});
