import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pageTrace, startTrace, type PageTrace, type TraceEvent } from './trace';

/** The built extension; BENCH_EXTENSION overrides (a copy, so a build running meanwhile
 *  cannot change what is measured). */
export const extensionPath = resolve(process.env.BENCH_EXTENSION ?? '.output/chrome-mv3');

/** What the page's harness recorded (see pages.ts). */
export interface HarnessResult {
  mode: string;
  expected: number;
  dcl: number;
  done: number;
  found: number;
}

export interface BenchBrowser {
  page: Page;
  version: string;
  close(): Promise<void>;
}

/** Chromium with the built extension, or without any (for mark.js, the floor and the page
 *  alone). The launch flags are the e2e fixtures' (tests/e2e/fixtures.ts). */
export async function launch(withExtension: boolean): Promise<BenchBrowser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  if (withExtension && !existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionPath}: run "npm run build" first`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'context-overlays-bench-'));
  const extensionArgs = withExtension
    ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`]
    : [];
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      ...extensionArgs,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  if (withExtension && context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  const page = context.pages()[0] ?? (await context.newPage());
  // The user agent reports 156.0.0.0 (reduced); the protocol tells the full version.
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  const version = product.replace(/^[^/]*\//, '');
  return {
    page,
    version,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Loads `url` and waits until the harness says its mode is done (mode none: the load).
 *  It listens for the harness's console message rather than polling the page: Playwright's
 *  polling would inject its own script (≈10 ms of main thread) in the middle of the scan. */
export async function load(page: Page, url: string, timeoutMs = 60_000): Promise<HarnessResult> {
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench-done', timeout: timeoutMs });
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  await done;
  return page.evaluate(() => (window as unknown as { __bench: HarnessResult }).__bench);
}

/** Runs `body` with a trace recording; returns its result and the page's trace. The page
 *  is first sent to a blank page of the same origin, so the trace starts before the load. */
export async function traced<T>(
  page: Page,
  blankUrl: string,
  path: string,
  body: () => Promise<T>,
): Promise<{ result: T; trace: PageTrace; events: TraceEvent[] }> {
  await page.goto(blankUrl);
  const cdp = await page.context().newCDPSession(page);
  try {
    const stop = await startTrace(cdp);
    const result = await body();
    const events = await stop();
    return { result, trace: pageTrace(events, path), events };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Marks the extension has drawn so far (the harness counts them in the page's world). */
export function markedCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __marked(): number }).__marked());
}

export async function waitForMarked(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __marked(): number }).__marked() >= n, count, {
    polling: 50,
    timeout: timeoutMs,
  });
}
