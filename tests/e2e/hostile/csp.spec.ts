import { requestLog, textCenter } from '../fixtures';
import { STRICT_CSP } from '../page-server';
import { expect, expectUntouched, plainRun, test, watchPage } from './hostile';

test('a page with the strictest CSP and Trusted Types: marked, card styled, no violation', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/strict.csp.html');
  const watch = await watchPage(page);
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toBe(STRICT_CSP);
  await expect
    .poll(() => page.evaluate(() => [...(CSS.highlights.get('context-overlay-bagram') ?? [])].length))
    .toBe(1);

  // The marks are painted: the manifest's stylesheet is not subject to the page's style-src.
  const markStyle = await page.evaluate(
    () => getComputedStyle(document.querySelector('#lede a')!, '::highlight(context-overlay-bagram)').backgroundColor,
  );
  expect(markStyle).not.toBe('rgba(0, 0, 0, 0)');

  const at = await textCenter(page, '#fitrat', 'Fasihuddin Fitrat');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
  await expect(card).toBeVisible();
  // Styled by the constructable stylesheet in our shadow root, which the policy cannot block.
  const style = await card.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius, position: s.position };
  });
  expect(style).toEqual({ background: 'rgb(255, 255, 255)', radius: '10px', position: 'fixed' });
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'strict CSP + Trusted Types');

  // The detectors work: a string sent to an HTML sink is what Trusted Types reports.
  await page.evaluate(() => {
    try {
      // eslint-disable-next-line no-restricted-properties -- the page's code, not ours
      document.createElement('div').innerHTML = '<b>x</b>';
    } catch {
      // TypeError: this document requires 'TrustedHTML' assignment
    }
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations))
    .toEqual([expect.stringContaining('require-trusted-types-for')]);
  expect(watch.problems).toEqual([expect.stringContaining('TrustedHTML')]);
});
