// Loads the built extension (.output/chrome-mv3) into Chromium and serves tests/e2e/pages on
// loopback. Browser: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own.
import { test as base, chromium, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startPageServer, type PageServer } from './page-server';
import { readMarks } from './read-marks';

// EXTENSION_PATH tests another build (e.g. one made from a clean checkout while the working
// tree is mid-edit).
export const extensionPath = resolve(process.env.EXTENSION_PATH ?? '.output/chrome-mv3');

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

/** Starts Chromium with the built extension on a profile folder (kept by the caller, so a
 *  test can restart the browser on the same profile). `lang` sets the browser's UI language. */
export async function launchExtensionContext(
  profile: string,
  options: { lang?: string; pageScripts?: boolean } = {},
): Promise<BrowserContext> {
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run "npm run build" first.`);
  }
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1280, height: 800 },
    // false: as where the reader blocks JavaScript for a site (the content script still runs).
    javaScriptEnabled: options.pageScripts ?? true,
    // Chromium on Linux takes its UI language (and so the extension's locale) from LANGUAGE.
    ...(options.lang ? { locale: options.lang, env: { ...process.env, LANGUAGE: options.lang } } : {}),
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
    ],
  });
}

interface Fixtures {
  /** The browser's UI language for the test (`test.use({ uiLanguage: 'fa' })`). */
  uiLanguage: string | undefined;
  /** false: pages' own scripts are blocked, as by the reader (`test.use({ pageScripts: false })`). */
  pageScripts: boolean;
  browserContext: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
}
interface WorkerFixtures {
  server: PageServer;
  /** A second origin, for cross-origin frames and per-site rules. */
  otherServer: PageServer;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  uiLanguage: [undefined, { option: true }],
  pageScripts: [true, { option: true }],
  server: [
    async ({}, use) => {
      const server = await startPageServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  otherServer: [
    async ({}, use) => {
      const server = await startPageServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  browserContext: async ({ uiLanguage, pageScripts }, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'context-overlays-'));
    const context = await launchExtensionContext(profile, { ...(uiLanguage ? { lang: uiLanguage } : {}), pageScripts });
    const requests = recordRequests(context);
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    // Nothing leaves the browser (issue 7): any request to a host but the local test servers,
    // from a page, a frame or the extension's service worker, fails the test.
    if (requests.foreign.length) throw new Error(`Requests left the machine:\n${requests.foreign.join('\n')}`);
  },
  page: async ({ browserContext }, use) => {
    const page = browserContext.pages()[0] ?? (await browserContext.newPage());
    await use(page);
  },
  serviceWorker: async ({ browserContext }, use) => {
    const worker = browserContext.serviceWorkers()[0] ?? (await browserContext.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});
export const expect = test.expect;

/** Where a test saves a screenshot meant for people: committed assets/screenshots/ when
 *  UPDATE_SCREENSHOTS=1, else test-results/screenshots/ (kept between runs, not committed). */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS ? 'assets/screenshots' : 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Every request a browser context made, split into local ones (test servers on loopback,
 *  the extension's own files, inline URLs) and foreign ones (anything else). */
export interface RequestLog {
  local: string[];
  foreign: string[];
}
const requestLogs = new WeakMap<BrowserContext, RequestLog>();

function recordRequests(context: BrowserContext): RequestLog {
  const log: RequestLog = { local: [], foreign: [] };
  requestLogs.set(context, log);
  context.on('request', (request) => {
    const url = new URL(request.url());
    const local =
      ['chrome-extension:', 'chrome:', 'data:', 'blob:', 'about:', 'file:'].includes(url.protocol) ||
      ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    (local ? log.local : log.foreign).push(request.url());
  });
  return log;
}

/** The requests recorded for a context so far (the fixture fails the test on foreign ones). */
export function requestLog(context: BrowserContext): RequestLog {
  const log = requestLogs.get(context);
  if (!log) throw new Error('not a context from the browserContext fixture');
  return log;
}

/** Text of every mark, per topic, as the page's own scripts can see them in CSS.highlights. */
export function marks(page: Page | Frame): Promise<Record<string, string[]>> {
  return page.evaluate(readMarks);
}

/** Starts counting the frame reports that reach the background (beside its own listener);
 *  the returned functions read how many came, and from how many documents. */
export async function countReports(
  worker: Worker,
): Promise<{ reports(): Promise<number>; documents(): Promise<number> }> {
  await worker.evaluate(() => {
    const scope = self as unknown as { __reports: number; __reporting: Set<string> };
    scope.__reports = 0;
    scope.__reporting = new Set();
    chrome.runtime.onMessage.addListener((message: { type?: string; report?: { documentToken: string } }) => {
      if (message.type !== 'frame-report' || !message.report) return;
      scope.__reports++;
      scope.__reporting.add(message.report.documentToken);
    });
  });
  return {
    reports: () => worker.evaluate(() => (self as unknown as { __reports: number }).__reports),
    documents: () => worker.evaluate(() => (self as unknown as { __reporting: Set<string> }).__reporting.size),
  };
}

/** Stores the reader's settings as the options page would (the extension picks them up): the
 *  hint that they are the defaults goes first (src/settings-hint.ts; the background puts it
 *  back if they are). */
export function setSettings(worker: Worker, settings: object): Promise<void> {
  return worker.evaluate(async (value) => {
    await chrome.scripting.unregisterContentScripts({ ids: ['settings-are-defaults'] }).catch(() => {});
    await chrome.storage.sync.set({ settings: value, settings$: { v: 2 } });
  }, settings);
}

/** The ids of the content scripts the background has registered (the settings hint's). */
export function registeredScripts(worker: Worker): Promise<string[]> {
  return worker.evaluate(() => chrome.scripting.getRegisteredContentScripts().then((all) => all.map((s) => s.id)));
}

/** Opens `url` in a new tab that records every highlight name registered at any moment of its
 *  load (looked at in every task from the first), for `forMs` from its start. */
export async function highlightsEverSeen(context: BrowserContext, url: string, forMs = 2500): Promise<string[]> {
  const page = await context.newPage();
  await page.addInitScript((until) => {
    const seen = new Set<string>();
    (window as unknown as { seen_: Set<string> }).seen_ = seen;
    const channel = new MessageChannel();
    const look = () => {
      for (const name of CSS.highlights.keys()) seen.add(name);
      if (performance.now() < until) channel.port2.postMessage(0);
    };
    channel.port1.onmessage = look;
    look();
  }, forMs);
  await page.goto(url);
  await page.waitForTimeout(forMs);
  const seen = await page.evaluate(() => [...(window as unknown as { seen_: Set<string> }).seen_].sort());
  await page.close();
  return seen;
}

/** The toolbar badge's text for a tab. */
export function badgeText(worker: Worker, tabId: number): Promise<string> {
  return worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** What the next-mention keyboard command does in a tab's top frame alone: opens the card of
 *  the next mention (of `topic`), round to the first after the last, and says whether there
 *  was one to show. */
export async function showNextMention(worker: Worker, tabId: number, topic?: string): Promise<boolean> {
  const step = (step: 'continue' | 'first') =>
    worker.evaluate(
      ({ id, topic, step }) =>
        chrome.tabs.sendMessage(
          id,
          { type: 'next-mention', step, ...(topic ? { topic } : {}) },
          {
            frameId: 0,
          },
        ) as Promise<string>,
      { id: tabId, topic, step },
    );
  const answer = await step('continue');
  return (answer === 'shown' ? answer : await step('first')) === 'shown';
}

/** A keyboard command (`next-mention`, `toggle-site`) as the browser runs it: through the
 *  background, across the tab's frames (headless Chromium cannot press a browser shortcut). */
export function runCommand(worker: Worker, command: 'next-mention' | 'toggle-site'): Promise<void> {
  return worker.evaluate(
    (name) =>
      (globalThis as unknown as { contextOverlaysRunCommand(n: string): Promise<void> }).contextOverlaysRunCommand(
        name,
      ),
    command,
  );
}

/** Whether the card's UI has run in a tab's top frame (in the content scripts' world):
 *  'none', else the first `tag` a call left on it ('untagged' before one did). A second run
 *  of its file registers a fresh UI, without the tag. */
export function cardUiIn(worker: Worker, tabId: number, tag?: string): Promise<string> {
  return worker.evaluate(
    async ({ id, tag }) => {
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: (tag: string | null) => {
          const key = Symbol.for('context-overlays.card-ui');
          const ui = (globalThis as unknown as Record<symbol, { tag_?: string } | undefined>)[key];
          if (!ui) return 'none';
          if (tag) ui.tag_ ??= tag;
          return ui.tag_ ?? 'untagged';
        },
        args: [tag ?? null],
      });
      return injection?.result as string;
    },
    { id: tabId, tag },
  );
}

/** Names registered in CSS.highlights by us. */
export function highlightNames(page: Page): Promise<string[]> {
  return page.evaluate(() => [...CSS.highlights.keys()].filter((n) => n.startsWith('context-overlay-')));
}

/** Waits until the page has as many marks in all as `count`. */
export async function waitForMarkCount(page: Page, count: number): Promise<void> {
  await expect.poll(async () => Object.values(await marks(page)).reduce((n, list) => n + list.length, 0)).toBe(count);
}

/** Center of the n-th occurrence of `text` inside the element matching `selector`. */
export function textCenter(
  page: Page | Frame,
  selector: string,
  text: string,
  nth = 0,
): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ selector, text, nth }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`no ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const data = (n as Text).data;
        let i = data.indexOf(text);
        while (i >= 0) {
          if (seen++ === nth) {
            const range = document.createRange();
            range.setStart(n, i);
            range.setEnd(n, i + text.length);
            const rect = range.getBoundingClientRect();
            return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
          }
          i = data.indexOf(text, i + 1);
        }
      }
      throw new Error(`"${text}" not found in ${selector}`);
    },
    { selector, text, nth },
  );
}

/** What the background last heard from a tab's top frame (its site, and whether marks are
 *  on there), or null before it has heard anything for the tab's page. */
export function topFrameReport(worker: Worker, tabId: number): Promise<{ site: string; enabled: boolean } | null> {
  return worker.evaluate(async (id) => {
    const key = `tab-state:${id}`;
    const state = (await chrome.storage.session.get(key))[key] as
      { frames: Record<string, { top: boolean; site: string; enabled: boolean }> } | undefined;
    const top = Object.values(state?.frames ?? {}).find((f) => f.top);
    return top ? { site: top.site, enabled: top.enabled } : null;
  }, tabId);
}

/** The browser's tab id for a page (it must be the focused tab). */
export async function tabIdOf(page: Page, worker: Worker): Promise<number> {
  await page.bringToFront();
  const url = page.url();
  return worker.evaluate(async (url) => {
    const tabs = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const tab = tabs.find((t) => t.url === undefined || t.url === url) ?? tabs[0];
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  }, url);
}

/** Opens the popup for a page's tab, as an ordinary tab (`popup.html?tabId=N`, contract 5). */
export async function openPopupFor(
  page: Page,
  {
    serviceWorker,
    browserContext,
    extensionId,
  }: { serviceWorker: Worker; browserContext: BrowserContext; extensionId: string },
): Promise<Page> {
  const tabId = await tabIdOf(page, serviceWorker);
  const popup = await browserContext.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
  return popup;
}

/** Records every DOM mutation from the moment the parser is done (before any content script
 *  runs at document_end), in the page's own world. */
export async function recordPageMutations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: string[] = [];
    (window as unknown as { __mutations: string[] }).__mutations = log;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const names = (nodes: NodeList) => [...nodes].map((n) => n.nodeName.toLowerCase()).join(',');
        const what = r.type === 'characterData' ? JSON.stringify(r.target.nodeValue) : (r.attributeName ?? '');
        log.push(
          `${r.type} ${r.target.nodeName.toLowerCase()} +[${names(r.addedNodes)}] -[${names(r.removedNodes)}] ${what}`.trim(),
        );
      }
    });
    document.addEventListener('readystatechange', () => {
      if (document.readyState === 'interactive') {
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }
    });
  });
}

export async function pageMutations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __mutations: string[] }).__mutations);
}

/** Uncaught errors and console errors or warnings of `page`, each labelled with what the test
 *  said it was doing then (the fuzzers run many cases in one page). */
export function pageProblems(page: Page): { problems: string[]; during(label: string): void } {
  const problems: string[] = [];
  let label = '';
  page.on('pageerror', (e) => problems.push(`${label}: uncaught ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${label}: console.${m.type()} ${m.text()}`);
  });
  return { problems, during: (next) => (label = next) };
}

/** Rests the pointer on `word` in the element `selector` until its card (named `title`)
 *  shows, then moves it straight to (`x`, `y`): over a frame there, the card must close. */
export async function cardClosesOnMoveInto(
  page: Page,
  at: { selector: string; word: string; title: string },
  to: { x: number; y: number },
): Promise<void> {
  const from = await textCenter(page, at.selector, at.word);
  await page.mouse.move(from.x, from.y);
  const card = page.getByRole('dialog', { name: at.title });
  await expect(card).toBeVisible();
  await page.mouse.move(to.x, to.y);
  await expect(card).toHaveCount(0);
}
