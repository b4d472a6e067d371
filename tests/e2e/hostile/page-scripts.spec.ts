import { countReports, requestLog, textCenter } from '../fixtures';
import { expect, expectUntouched, plainRun, test, watchPage } from './hostile';

/** Marks per topic, read without the Array and Range methods a hostile page may patch. */
function markCount(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const [name, highlight] of CSS.highlights) if (name.startsWith('context-overlay-')) n += highlight.size;
    return n;
  });
}

test('built-ins patched by the page never reach the content script (isolated world)', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/patched.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);

  // The page's getComputedStyle, caret and Range geometry lie; ours are the real ones, so the
  // card opens over the mention all the same. (Coordinates come from Playwright's own world.)
  const box = (await page.locator('#fitrat').boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const calls = await page.evaluate(
    () => (window as unknown as { __patchedCalls: { total: number; fromExtension: string[] } }).__patchedCalls,
  );
  expect(calls.fromExtension).toEqual([]);
  expect(calls.total).toBeGreaterThan(0); // the patches are live for the page's own code

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'patched built-ins');
});

test('`* { all: unset !important }` reaches neither the marks nor the card', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/unset.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);
  const at = await textCenter(page, '#doha', 'Doha Agreement');
  await page.mouse.move(at.x, at.y);
  const card = page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' });
  await expect(card).toBeVisible();
  const style = await card.evaluate((el) => {
    const s = getComputedStyle(el);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius, position: s.position };
  });
  expect(style).toEqual({ background: 'rgb(255, 255, 255)', radius: '10px', position: 'fixed' });
  const titleSize = await card.locator('h2').evaluate((el) => getComputedStyle(el).fontSize);
  expect(titleSize).toBe('16px');

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'all: unset');
});

test('a page that deletes our host as it appears: marks stay, the card fails cleanly', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/deleter.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);
  const deleted = () => page.evaluate(() => (window as unknown as { __deleted: string[] }).__deleted);

  // Each hover inserts a fresh host (the old one is gone); the page deletes it again. Nothing
  // throws, nothing loops, and no other node is touched.
  for (const [selector, text] of [
    ['#fitrat', 'Fasihuddin Fitrat'],
    ['#doha', 'Doha Agreement'],
  ] as const) {
    await page.mouse.move(5, 5);
    const at = await textCenter(page, selector, text);
    await page.mouse.move(at.x, at.y);
    await expect.poll(deleted).toContain('context-overlay');
  }
  await expect.poll(async () => (await deleted()).length).toBe(2);
  expect(await deleted()).toEqual(['context-overlay', 'context-overlay']);
  await expect(page.locator('context-overlay')).toHaveCount(0);
  expect(await markCount(page)).toBe(3);

  const plain = await plainRun(plainBrowser, url);
  const figures = await expectUntouched(page, watch, plain, requestLog(browserContext), 'deletes unknown elements');
  expect(figures.ourMutations).toBe(4); // two insertions of the host, two removals by the page
});

test('a page that polices only <body>: our host under <html> survives, the card opens', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/deleter.html?scope=body');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);
  const at = await textCenter(page, '#fitrat', 'Fasihuddin Fitrat');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __deleted: string[] }).__deleted)).toEqual([]);

  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'deletes unknown elements in <body>');
});

test('the page hears nothing from the extension, and cannot stop it by posing as it', async ({
  page,
  server,
  plainBrowser,
  browserContext,
  extensionId,
}) => {
  // WXT's content-script wrapper announces each start to the page (a document event and a
  // window message, both named after the extension's id) and stops when it hears another.
  const announcement = `${extensionId}:content:wxt:content-script-started`;
  await page.addInitScript((name) => {
    const heard: string[] = [];
    (window as unknown as { __heard: string[] }).__heard = heard;
    document.addEventListener(name, (event) => heard.push(event.type), true);
  }, announcement);
  const url = server.url('hostile/unset.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);
  expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);

  // A page that knows the extension's id poses as a newer copy of its content script, both
  // ways, then adds a mention.
  const poseAndAdd = async (target: typeof page) => {
    await target.evaluate((name) => {
      const detail = { contentScriptName: 'content', messageId: 'posed' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      window.postMessage({ type: name, ...detail }, '*');
      const p = document.createElement('p');
      p.textContent = 'Later: Bagram again.';
      document.body.append(p);
    }, announcement);
  };
  await poseAndAdd(page);
  // Still running: the new paragraph is marked, and the old marks stay.
  await expect.poll(() => markCount(page)).toBe(4);

  const plain = await plainRun(plainBrowser, url, poseAndAdd);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'posing as the extension');
});

test('a page script’s own events open no card, no tab and no report; the reader’s still do', async ({
  page,
  server,
  serviceWorker,
  browserContext,
}) => {
  const { reports } = await countReports(serviceWorker);
  await page.goto(server.url('hostile/unset.html'));
  await expect.poll(() => markCount(page)).toBe(3);
  const at = await textCenter(page, '#fitrat', 'Fasihuddin Fitrat');
  const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });

  // A mousemove over the mark, from the page: no card.
  await page.evaluate(
    ({ x, y }) => document.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true })),
    at,
  );
  await page.waitForTimeout(600);
  await expect(card).toHaveCount(0);

  // The reader's pointer opens it; the page then clicks its links, and says "pageshow" 50 times.
  await page.mouse.move(at.x, at.y);
  await expect(card).toBeVisible();
  await page.waitForTimeout(300);
  const before = { reports: await reports(), pages: browserContext.pages().length };
  await page.evaluate(() => {
    const links = document.querySelector('context-overlay')!.shadowRoot!.querySelectorAll('a');
    for (let i = 0; i < 5; i++) for (const link of links) link.click();
    for (let i = 0; i < 50; i++) dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
  });
  await page.waitForTimeout(600);
  expect(browserContext.pages().length).toBe(before.pages);
  expect(await reports()).toBe(before.reports);

  // The reader's own click on a source link still opens the article.
  const opened = browserContext.waitForEvent('page');
  await card.locator('a.source').first().click();
  expect((await opened).url()).toMatch(/\/article\.html#p\d+s\d+$/);
});

test('a page that defines <context-overlay> itself: marks stay, the card fails cleanly', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/host-taken.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => markCount(page)).toBe(3);
  for (const [selector, text] of [
    ['#fitrat', 'Fasihuddin Fitrat'],
    ['#doha', 'Doha Agreement'],
  ] as const) {
    await page.mouse.move(5, 5);
    const at = await textCenter(page, selector, text);
    await page.mouse.move(at.x, at.y);
    await page.waitForTimeout(600);
  }
  // The page's constructor ran on the hosts we made (so the case was met), and no card opened.
  expect(await page.evaluate(() => (window as unknown as { __constructed: number }).__constructed)).toBeGreaterThan(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await markCount(page)).toBe(3);
  const plain = await plainRun(plainBrowser, url);
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'defines our host element');
});
