// Drives Debian's firefox-esr with the built extension through puppeteer-core (WebDriver
// BiDi); Playwright cannot drive stock Firefox. Browser: FIREFOX_PATH, else
// /usr/bin/firefox-esr, else /usr/bin/firefox.
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readMarks } from '../e2e/read-marks';

/** The add-on id in wxt.config.ts (browser_specific_settings.gecko.id). */
const ADDON_ID = 'context-overlays@example.org';
/** Firefox gives every installed add-on a random internal UUID (the host of its
 *  moz-extension:// pages); this pref fixes it in advance so the tests know the popup's URL. */
const INTERNAL_UUID = 'c0a7e47a-0e41-4a7c-9d1b-0f1e2a3b4c5d';

export function firefoxPath(): string {
  const candidates = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error('No Firefox: set FIREFOX_PATH or `apt-get install -y firefox-esr` (Debian).');
  }
  return found;
}

export interface FirefoxSession {
  browser: Browser;
  /** The first tab, on about:blank. */
  page: Page;
  /** moz-extension://<uuid>/<path> */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/** Starts Firefox headless with the build in `.output/<buildDir>` installed as a temporary
 *  add-on (the way `about:debugging` loads one: no signing needed). */
export async function launchFirefox(buildDir: string): Promise<FirefoxSession> {
  const extensionPath = resolve('.output', buildDir);
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run "npm run build:firefox" first.`);
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    defaultViewport: { width: 1280, height: 800 },
    // BiDi refuses to navigate a tab to moz-extension:// ("not allowed in this context")
    // unless the client may reach privileged pages; the popup page is one.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: INTERNAL_UUID }),
    },
  });
  try {
    const id = await browser.installExtension(extensionPath);
    if (id !== ADDON_ID) throw new Error(`installed add-on id ${id}, expected ${ADDON_ID}`);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await page.setViewport({ width: 1280, height: 800 }); // the first tab predates defaultViewport
    return {
      browser,
      page,
      extensionUrl: (path) => `moz-extension://${INTERNAL_UUID}/${path.replace(/^\//, '')}`,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * Opens an extension page in a new tab. Puppeteer's `goto` never sees a moz-extension page
 * finish loading (the tab moves to the extension process and BiDi reports no load event for
 * it), so start the navigation and wait for the page itself to say it is there.
 */
export async function openExtensionPage(
  session: FirefoxSession,
  path: string,
  options: { window?: boolean } = {},
): Promise<Page> {
  const page = await session.browser.newPage(options.window ? { type: 'window' } : undefined);
  const url = session.extensionUrl(path);
  page.goto(url, { timeout: 60_000 }).catch(() => {}); // see above: it would only time out
  await until(
    () => page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null),
    (state) => state?.href === url && state.ready === 'complete',
    `extension page ${url} to load`,
  );
  return page;
}

/**
 * The tab id of `page`. The extension may not read a tab's URL in Firefox's MV2 build (its
 * content-script patterns grant no host permission), so ask from an extension page in a
 * second window: the only other active tab is the page under test, once it is in front.
 */
export async function tabIdOf(session: FirefoxSession, page: Page): Promise<number> {
  await page.bringToFront();
  const helper = await openExtensionPage(session, 'popup.html?tabId=0', { window: true });
  try {
    return await helper.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
      const self = await api.tabs.getCurrent();
      const active = (await api.tabs.query({ active: true })).filter((t) => t.id !== self?.id);
      if (active.length !== 1 || active[0]?.id === undefined) {
        throw new Error(`expected one other active tab, found ${active.length}`);
      }
      return active[0].id;
    });
  } finally {
    await helper.close();
  }
}

/**
 * The toolbar icon (16 px file) Firefox shows for tab `tabId`. No extension API reads an icon
 * back, so this asks Firefox itself: a script in the browser window's privileged (chrome)
 * scope, over the same BiDi connection (allowed by --remote-allow-system-access), reads the
 * extension's action state for that tab from Firefox's own ExtensionParent module.
 */
export async function toolbarIcon(session: FirefoxSession, tabId: number): Promise<string> {
  const { connection } = session.browser as unknown as {
    connection: { send(method: string, params: object): Promise<{ result: unknown }> };
  };
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[];
  };
  const window = tree.contexts.find((c) => c.url.startsWith('chrome://browser/'));
  if (!window) throw new Error('no Firefox browser window in chrome scope');
  const expression = `(() => {
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(ADDON_ID)});
    const tab = extension.tabManager.get(${tabId}).nativeTab;
    return ExtensionParent.apiManager.global.browserActionFor(extension).action.getContextData(tab).icon[16];
  })()`;
  const reply = (
    await connection.send('script.evaluate', {
      expression,
      target: { context: window.context },
      awaitPromise: false,
    })
  ).result as { type: string; result?: { value?: unknown }; exceptionDetails?: { text?: string } };
  if (reply.type !== 'success' || typeof reply.result?.value !== 'string') {
    throw new Error(`reading the toolbar icon failed: ${JSON.stringify(reply.exceptionDetails ?? reply)}`);
  }
  return new URL(reply.result.value).pathname;
}

/** Text of every mark, per topic, as the page's own scripts see them in CSS.highlights. */
export function marks(page: Page | Frame): Promise<Record<string, string[]>> {
  return page.evaluate(readMarks);
}

export async function markCount(page: Page | Frame): Promise<number> {
  return Object.values(await marks(page)).reduce((n, list) => n + list.length, 0);
}

/** Center of the first occurrence of `text` inside the element matching `selector`. */
export function textCenter(page: Page | Frame, selector: string, text: string): Promise<{ x: number; y: number }> {
  return page.evaluate(
    (selector, text) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = (n as Text).data.indexOf(text);
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + text.length);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
      }
      throw new Error(`"${text}" not found in ${selector}`);
    },
    selector,
    text,
  );
}

/** Polls `read` until `done` holds; fails naming what it waited for and the last value. */
export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeout = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeout} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
