import AxeBuilder from '@axe-core/playwright';
import { DEFAULT_SETTINGS } from '../../src/settings-schema';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  expect,
  highlightNames,
  highlightsEverSeen,
  launchExtensionContext,
  openPopupFor,
  marks,
  registeredScripts,
  runCommand,
  screenshotPath,
  setSettings,
  tabIdOf,
  test,
  textCenter,
  topFrameReport,
  waitForMarkCount,
} from './fixtures';

test.describe('popup states and actions', () => {
  test('paused everywhere: says so, marks nothing, Resume brings the marks back', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await setSettings(serviceWorker, { ...DEFAULT_SETTINGS, paused: true });
    await expect.poll(() => highlightNames(page)).toEqual([]);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('.status')).toHaveText('Paused everywhere');
    await expect(popup.locator('[data-topic]')).toHaveCount(0);
    await popup.getByRole('button', { name: 'Resume' }).click();
    await expect(popup.locator('.status')).toHaveText('On for 127.0.0.1');
    await waitForMarkCount(page, 8);
    await expect(popup.locator('[data-topic]')).toHaveCount(3);
  });

  test('a topic’s Show button scrolls the page to its next mention and opens the card', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    await page.setViewportSize({ width: 900, height: 300 });
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await popup.getByRole('button', { name: 'Show the next mention of The 2020 US–Taliban agreement' }).click();
    await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeInViewport();
    expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
  });

  test('links to the article reader and to the settings page', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    const reader = browserContext.waitForEvent('page');
    await popup.getByRole('button', { name: 'Read the article' }).click();
    expect(new URL((await reader).url()).pathname).toBe('/article.html');
    const options = browserContext.waitForEvent('page');
    await popup.getByRole('button', { name: 'Settings' }).click();
    expect(new URL((await options).url()).pathname).toBe('/options.html');
  });
});

test.describe('options page', () => {
  test('changes apply live in an open tab: site rule, topic, mark style, hover delay', async ({
    page,
    server,
    browserContext,
    extensionId,
    serviceWorker,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);

    // Topics: Fitrat off → its marks and highlight name go, the others stay.
    await options.getByRole('checkbox', { name: 'Fasihuddin Fitrat' }).uncheck();
    await expect.poll(() => highlightNames(page)).toEqual(['context-overlay-bagram', 'context-overlay-doha-2020']);
    await options.getByRole('checkbox', { name: 'Fasihuddin Fitrat' }).check();
    await waitForMarkCount(page, 8);

    // Mark style: underline only → a style sheet that removes the tint.
    await options.getByLabel('Mark style').selectOption('underline');
    await expect
      .poll(() =>
        page.evaluate(() =>
          document.adoptedStyleSheets.flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'),
        ),
      )
      .toContain('background-color: transparent');
    await options.getByLabel('Mark style').selectOption('both');
    await expect.poll(() => page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);

    // Hover delay: 1000 ms → the card opens a second after the pointer comes to rest, timed in
    // the page (the overlay starts again with the new delay: new highlights, marked again).
    await page.evaluate(
      () => ((window as unknown as { old_: unknown }).old_ = CSS.highlights.get('context-overlay-bagram')),
    );
    await options.getByLabel('Card opens after resting (ms)').fill('1000');
    await options.getByLabel('Card opens after resting (ms)').blur();
    await expect
      .poll(
        () =>
          serviceWorker.evaluate(() =>
            chrome.storage.sync
              .get('settings')
              .then((r) => (r.settings as { hoverDelayMs?: number; highlightStyle?: string } | undefined) ?? null),
          ),
        { message: 'the options page stores the new delay, and the style chosen before' },
      )
      .toMatchObject({ hoverDelayMs: 1000, highlightStyle: 'both' });
    await page.bringToFront();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const now = CSS.highlights.get('context-overlay-bagram');
          return now !== undefined && now !== (window as unknown as { old_: unknown }).old_;
        }),
      )
      .toBe(true);
    await waitForMarkCount(page, 8);
    const at = await textCenter(page, '#aside', 'Bagram Airfield');
    await page.evaluate((at) => {
      const times = { rested: NaN, opened: NaN };
      (window as unknown as { hover_: typeof times }).hover_ = times;
      addEventListener('mousemove', (e) => {
        if (Math.abs(e.clientX - at.x) < 3 && Math.abs(e.clientY - at.y) < 3) times.rested = e.timeStamp;
      });
      const look = () => {
        // The time now, not the frame's start: that may come before the card opened.
        if (document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]'))
          times.opened = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    }, at);
    await page.mouse.move(at.x, at.y);
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible({ timeout: 3000 });
    const { rested, opened } = await page.evaluate(
      () => (window as unknown as { hover_: { rested: number; opened: number } }).hover_,
    );
    expect(opened - rested).toBeGreaterThanOrEqual(950);

    // Site rule added on the options page: the open tab clears at once.
    await options.getByLabel('Add a site').fill('http://127.0.0.1:8080/some/page');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(options.locator('tr[data-site="127.0.0.1"]')).toBeVisible();
    await expect.poll(() => highlightNames(page)).toEqual([]);
    // …and a bad host gets a clear message and changes nothing.
    await options.getByLabel('Add a site').fill('not a host');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(options.getByRole('alert')).toHaveText(
      '“not a host” is not a host name. Type one like news.example.com.',
    );
    await options.getByRole('button', { name: 'Remove the rule for 127.0.0.1' }).click();
    await waitForMarkCount(page, 8);
  });

  test('the settings page by keyboard: a wildcard host, Remove, and a delay out of range', async ({
    browserContext,
    extensionId,
    serviceWorker,
  }) => {
    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const add = options.getByLabel('Add a site');
    // "*.example.com" is the rule for example.com with its subdomains, not a rule for "%2a".
    for (const host of ['*.example.com', 'news.test', 'other.test']) {
      await add.fill(host);
      await add.press('Enter');
    }
    await expect(options.locator('tr[data-site]')).toHaveCount(3);
    await expect(options.getByRole('checkbox', { name: /subdomains of example\.com/i })).toBeChecked();
    await add.fill('a..b');
    await add.press('Enter');
    await expect(options.getByRole('alert')).toContainText('“a..b” is not a host name');
    await add.fill('');
    await expect(options.getByRole('alert')).toHaveCount(0);
    // Remove by keyboard: the focus goes to the next row's Remove, then to the field to add one.
    await options.getByRole('button', { name: 'Remove the rule for news.test' }).focus();
    await options.keyboard.press('Enter');
    await expect(options.getByRole('button', { name: 'Remove the rule for other.test' })).toBeFocused();
    await options.keyboard.press('Enter');
    await expect(options.getByRole('button', { name: 'Remove the rule for example.com' })).toBeFocused();
    await options.keyboard.press('Enter');
    await expect(add).toBeFocused();
    // A delay out of range says so, and nothing is saved until it is in range.
    const delay = options.getByLabel('Card opens after resting (ms)');
    await delay.fill('99999');
    await delay.blur();
    await expect(delay).toHaveAttribute('aria-invalid', 'true');
    await expect(options.getByRole('alert')).toHaveText('Type a number from 100 to 1,500.');
    const stored = () =>
      serviceWorker.evaluate(async () => {
        const all = { ...(await chrome.storage.local.get(null)), ...(await chrome.storage.sync.get(null)) };
        return JSON.stringify(all).match(/"hoverDelayMs":(\d+)/)?.[1];
      });
    expect(await stored()).not.toBe('99999');
    await delay.fill('400');
    await delay.blur();
    await expect(delay).toHaveAttribute('aria-invalid', 'false');
    await expect.poll(stored).toBe('400');
  });

  test('allow-list mode: off everywhere until a site is switched on', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Off everywhere, except sites switched on below').check();
    // Stored before the page opens: the page reads it at its start, not as a change.
    await expect
      .poll(() =>
        serviceWorker.evaluate(() =>
          chrome.storage.sync.get('settings').then((r) => (r.settings as { mode?: string } | undefined)?.mode),
        ),
      )
      .toBe('listed-only');
    await page.goto(server.url('news.html'));
    // The extension has run on the page and found it switched off; then it has had time.
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => topFrameReport(serviceWorker, tabId)).toEqual({ site: '127.0.0.1', enabled: false });
    await page.waitForTimeout(500);
    expect(await highlightNames(page)).toEqual([]);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('.status')).toHaveText('Off for 127.0.0.1');
    await popup.getByRole('switch', { name: /127\.0\.0\.1/ }).click();
    await waitForMarkCount(page, 8);
    await options.reload();
    await expect(options.getByRole('switch', { name: 'Marks on 127.0.0.1' })).toBeChecked();
  });

  test('export, then import of a good file and of a bad one', async ({
    page,
    browserContext,
    extensionId,
    server,
    serviceWorker,
  }) => {
    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Add a site').fill('news.example.com');
    await options.getByRole('button', { name: 'Add', exact: true }).click();
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: 'Export settings' }).click();
    const exported = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
    expect(exported.settings.sites).toEqual([{ host: 'news.example.com', includeSubdomains: false, enabled: false }]);

    const upload = (name: string, text: string) =>
      options
        .getByLabel('Import settings…')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await upload('broken.json', '{"settings": {"hoverDelayMs": 5}}');
    await expect(options.getByRole('alert')).toHaveText(
      'Nothing was changed: "hoverDelayMs" must be a number from 100 to 1500.',
    );
    await upload('notjson.json', 'hello');
    await expect(options.getByRole('alert')).toHaveText('Nothing was changed: the file is not JSON.');
    await expect(options.locator('tr[data-site="news.example.com"]')).toBeVisible();

    await upload(
      'good.json',
      JSON.stringify({
        ...exported,
        settings: { ...exported.settings, sites: [{ host: '127.0.0.1', enabled: false }] },
      }),
    );
    await expect(options.getByRole('status')).toHaveText('Settings imported.');
    await expect(options.locator('tr[data-site="127.0.0.1"]')).toBeVisible();
    await expect(options.locator('tr[data-site="news.example.com"]')).toHaveCount(0);
    await page.goto(server.url('news.html'));
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => topFrameReport(serviceWorker, tabId)).toEqual({ site: '127.0.0.1', enabled: false });
    await page.waitForTimeout(500);
    expect(await highlightNames(page)).toEqual([]);
  });
});

test('the toggle-site command switches the current site off and on', async ({ page, server, serviceWorker }) => {
  await page.goto(server.url('news.html'));
  await waitForMarkCount(page, 8);
  await page.bringToFront();
  // The background knows the tab's site (the page's first report may come before the
  // navigation's own update, which clears the tab; the page reports again after it).
  const tabId = await tabIdOf(page, serviceWorker);
  await expect.poll(() => topFrameReport(serviceWorker, tabId)).toEqual({ site: '127.0.0.1', enabled: true });
  const run = (command: 'next-mention' | 'toggle-site') => runCommand(serviceWorker, command);
  await run('toggle-site');
  await expect.poll(() => highlightNames(page)).toEqual([]);
  await run('toggle-site');
  await waitForMarkCount(page, 8);
});

test.describe('the hint that the settings are the defaults', () => {
  const HINT = 'settings-are-defaults';

  test('is there while they are; a topic hidden or a site switched off takes it away first, and no page shows either, even for a moment', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    await expect.poll(() => registeredScripts(serviceWorker)).toEqual([HINT]);
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    expect(await highlightsEverSeen(browserContext, server.url('news.html'))).toEqual([
      'context-overlay-bagram',
      'context-overlay-doha-2020',
      'context-overlay-fitrat',
    ]);

    const options = await browserContext.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('checkbox', { name: 'Fasihuddin Fitrat' }).uncheck();
    await expect.poll(() => highlightNames(page)).toEqual(['context-overlay-bagram', 'context-overlay-doha-2020']);
    expect(await registeredScripts(serviceWorker)).toEqual([]);
    expect(await highlightsEverSeen(browserContext, server.url('news.html'))).toEqual([
      'context-overlay-bagram',
      'context-overlay-doha-2020',
    ]);
    await options.getByRole('checkbox', { name: 'Fasihuddin Fitrat' }).check();
    await expect.poll(() => registeredScripts(serviceWorker)).toEqual([HINT]);

    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await popup.getByRole('switch', { name: /127\.0\.0\.1/ }).click();
    await expect.poll(() => highlightNames(page)).toEqual([]);
    expect(await registeredScripts(serviceWorker)).toEqual([]);
    expect(await highlightsEverSeen(browserContext, server.url('news.html'))).toEqual([]);
    // Another site is still drawn, from the stored settings.
    const elsewhere = server.url('news.html').replace('127.0.0.1', 'localhost');
    expect(await highlightsEverSeen(browserContext, elsewhere)).toHaveLength(3);
    await popup.getByRole('switch', { name: /127\.0\.0\.1/ }).click();
    await expect.poll(() => registeredScripts(serviceWorker)).toEqual([HINT]);
    await waitForMarkCount(page, 8);
  });

  test('left behind by settings stored some other way, it gives way to them as they come', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await expect.poll(() => registeredScripts(serviceWorker)).toEqual([HINT]);
    // As settings synced from another browser land: no hint taken away first. Put back at
    // once after the background took it away, so that pages load with it.
    await serviceWorker.evaluate((settings) => chrome.storage.sync.set({ settings, settings$: { v: 2 } }), {
      ...DEFAULT_SETTINGS,
      hiddenTopics: ['fitrat'],
    });
    await expect.poll(() => registeredScripts(serviceWorker)).toEqual([]);
    await serviceWorker.evaluate(
      (id) =>
        chrome.scripting.registerContentScripts([
          { id, js: ['settings-hint.js'], matches: ['http://*/*'], allFrames: true, runAt: 'document_start' },
        ]),
      HINT,
    );
    await page.goto(server.url('news.html'));
    await expect.poll(() => highlightNames(page)).toEqual(['context-overlay-bagram', 'context-overlay-doha-2020']);
    await page.waitForTimeout(600);
    expect(await highlightNames(page)).toEqual(['context-overlay-bagram', 'context-overlay-doha-2020']);
  });
});

test('settings from version 0.1.0 are migrated: a site switched off stays off', async ({
  page,
  server,
  serviceWorker,
}) => {
  await serviceWorker.evaluate(() => chrome.storage.sync.set({ settings: { disabledSites: ['127.0.0.1'] } }));
  await serviceWorker.evaluate(() => chrome.storage.sync.remove('settings$'));
  await page.goto(server.url('news.html'));
  await page.waitForTimeout(600);
  expect(await highlightNames(page)).toEqual([]);
  await page.goto(server.url('news.html').replace('127.0.0.1', 'localhost'));
  await waitForMarkCount(page, 8);
  const stored = await serviceWorker.evaluate(() => chrome.storage.sync.get(['settings', 'settings$']));
  expect(stored.settings).toMatchObject({ mode: 'everywhere', sites: [{ host: '127.0.0.1', enabled: false }] });
});

test('a site switched off stays off after the browser restarts', async ({ server }) => {
  const profile = mkdtempSync(join(tmpdir(), 'context-overlays-restart-'));
  try {
    let context = await launchExtensionContext(profile);
    let worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    await expect.poll(() => registeredScripts(worker)).toEqual(['settings-are-defaults']);
    const popup = await openPopupFor(page, { serviceWorker: worker, browserContext: context, extensionId: id });
    await popup.getByRole('switch', { name: /127\.0\.0\.1/ }).click();
    await expect.poll(() => highlightNames(page)).toEqual([]);
    await context.close();

    context = await launchExtensionContext(profile);
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url('news.html'));
    await page.waitForTimeout(600);
    expect(await highlightNames(page)).toEqual([]);
    expect(Object.keys(await marks(page))).toEqual([]);
    // No hint that the settings are the defaults came back with the browser.
    expect(await registeredScripts(worker)).toEqual([]);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});

for (const lang of ['en', 'fa'] as const) {
  test.describe(`interface in ${lang}`, () => {
    test.use({ uiLanguage: lang });
    test('popup and options have no accessibility violations', async ({
      page,
      server,
      serviceWorker,
      browserContext,
      extensionId,
    }) => {
      await page.goto(server.url('news.html'));
      await waitForMarkCount(page, 8);
      const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
      await expect(popup.locator('[data-topic]')).toHaveCount(3);
      expect(await popup.evaluate(() => document.documentElement.dir)).toBe(lang === 'fa' ? 'rtl' : 'ltr');
      if (lang === 'fa') await expect(popup.locator('.status')).toHaveText('روشن برای 127.0.0.1');
      // The toolbar button's tooltip and the popup's title are in the interface's language too.
      const name = lang === 'fa' ? 'پیش\u200cزمینهٔ خبر' : 'Context overlays';
      expect(await serviceWorker.evaluate(() => chrome.action.getTitle({}))).toBe(name);
      expect(await popup.title()).toBe(name);
      await popup.setViewportSize({ width: 360, height: 420 });
      await popup.screenshot({ path: screenshotPath(`popup-${lang}.png`) });
      const popupResults = await new AxeBuilder({ page: popup }).analyze();
      expect(popupResults.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

      const options = await browserContext.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.locator('.add-site input[type=text]').fill('example.com');
      await options.locator('.add-site button').click();
      await expect(options.locator('tr[data-site="example.com"]')).toBeVisible();
      // The host name starts where its column's header does (the right edge in Persian), and
      // a row's Remove stays by its switches.
      const edges = await options.evaluate((rtl) => {
        const box = (el: Element | null) => el!.getBoundingClientRect();
        const start = (r: DOMRect) => (rtl ? r.right : r.left);
        const text = document.createRange();
        text.selectNodeContents(document.querySelector('.sites thead th')!);
        const header = text.getBoundingClientRect();
        const host = box(document.querySelector('tr[data-site="example.com"] bdi'));
        const remove = box(document.querySelector('tr[data-site="example.com"] button'));
        const switches = box(document.querySelector('tr[data-site="example.com"] td:nth-of-type(2)'));
        return {
          hostFromHeader: Math.abs(start(host) - start(header)),
          removeFromSwitches: Math.min(Math.abs(remove.left - switches.right), Math.abs(switches.left - remove.right)),
        };
      }, lang === 'fa');
      expect(edges.hostFromHeader).toBeLessThanOrEqual(1);
      expect(edges.removeFromSwitches).toBeLessThan(120);
      await options.screenshot({ path: screenshotPath(`options-${lang}.png`), fullPage: true });
      const optionsResults = await new AxeBuilder({ page: options }).analyze();
      expect(optionsResults.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

      // In a phone-narrow window the page keeps to its width: no sideways scrolling, every
      // Remove whole, a long host name wrapped after a dot.
      await options.locator('.add-site input[type=text]').fill('news.some-long-example.com');
      await options.locator('.add-site button').click();
      // (The row comes once the setting is stored and read back.)
      await expect(options.locator('tr[data-site="news.some-long-example.com"]')).toHaveCount(1);
      await options.setViewportSize({ width: 320, height: 640 });
      const narrow = await options.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        removes: [...document.querySelectorAll('.sites button')].map((b) => {
          const r = b.getBoundingClientRect();
          return r.left >= 0 && r.right <= innerWidth;
        }),
      }));
      await options.screenshot({ path: screenshotPath(`options-${lang}-320.png`), fullPage: true });
      expect(narrow).toEqual({ scrollWidth: 320, removes: [true, true] });
    });
  });
}

test.describe('interface in a language it has no messages for (Arabic)', () => {
  test.use({ uiLanguage: 'ar' });
  test('speaks English, left to right, and says so: no right-to-left layout of English words', async ({
    page,
    server,
    serviceWorker,
    browserContext,
    extensionId,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
    await expect(popup.locator('[data-topic]')).toHaveCount(3);
    expect(await popup.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'en',
      'ltr',
    ]);
    const at = await textCenter(page, '#fitrat-para', 'Fitrat');
    await page.bringToFront();
    await page.mouse.move(at.x, at.y);
    const card = page.getByRole('dialog', { name: 'Fasihuddin Fitrat' });
    await expect(card).toBeVisible();
    expect(await card.evaluate((el) => [el.getAttribute('lang'), getComputedStyle(el).direction])).toEqual([
      'en',
      'ltr',
    ]);
  });
});
