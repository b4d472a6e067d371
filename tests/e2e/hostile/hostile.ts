// Shared checks of the hostile-page suite (issue 7): every page is loaded twice, once with the
// built extension and once in a plain Chromium without it, and the two runs must agree on the
// page's text and on every DOM mutation but the insertion of our <context-overlay> host.
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, marks, pageMutations, recordPageMutations, test as base } from '../fixtures';

/** What a page run saw: console errors and warnings, uncaught exceptions and CSP/Trusted
 *  Types violations (from the page's main world, which is where a site would see them). */
export interface PageWatch {
  problems: string[];
}

interface HostileFixtures {
  /** Chromium without the extension, for the "identical with and without" comparisons. */
  plainBrowser: Browser;
}

export const test = base.extend<object, HostileFixtures>({
  plainBrowser: [
    async ({}, use) => {
      const executablePath =
        process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
      const browser = await chromium.launch({ executablePath, headless: true, args: ['--disable-gpu'] });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});
export { expect };

/** Starts recording a page's mutations, errors and policy violations; call before goto. */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { problems: [] };
  page.on('console', (message) => {
    // Seen in about 1 run in 5 of frames.spec.ts, from its sandboxed frame without
    // allow-scripts: a request to run script in that frame's main world was refused. The
    // content script runs in an isolated world (a sandbox does not apply to it) and creates no
    // script element; the harness's init scripts and evaluations are what ask for the main
    // world there. Not the page's problem either way, so it is not counted.
    if (/^Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed/.test(message.text())) {
      return;
    }
    if (message.type() === 'error' || message.type() === 'warning') {
      watch.problems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => watch.problems.push(`uncaught: ${error.message}`));
  await recordPageMutations(page);
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = violations;
    document.addEventListener('securitypolicyviolation', (event) => {
      violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
    // What reaches the page's own `message` listeners: a content script that posts to the
    // page tells every site it is there (and which extension it is).
    const messages: string[] = [];
    (window as unknown as { __messages: string[] }).__messages = messages;
    addEventListener(
      'message',
      (event) => {
        let data: string;
        try {
          data = JSON.stringify(event.data) ?? String(event.data);
        } catch {
          data = String(event.data);
        }
        messages.push(`${event.origin} ${data.slice(0, 200)}`);
      },
      true,
    );
  });
  return watch;
}

/** Serves Preact's ES modules (from node_modules) under /hostile/vendor/ for the hydration
 *  page, so the fixture does not carry a copy of them. */
export async function servePreact(page: Page): Promise<void> {
  const files: Record<string, string> = {
    'preact.mjs': 'dist/preact.mjs',
    'hooks.mjs': 'hooks/dist/hooks.mjs',
    'debug.mjs': 'debug/dist/debug.mjs',
    'devtools.mjs': 'devtools/dist/devtools.mjs',
  };
  await page.route('**/hostile/vendor/*.mjs', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? '';
    const module = files[name];
    if (!module) return route.fulfill({ status: 404 });
    return route.fulfill({
      path: resolve('node_modules/preact', module),
      contentType: 'text/javascript; charset=utf-8',
    });
  });
}

/** A page's state after a run, for comparing the runs with and without the extension. */
export interface PageState {
  text: string;
  mutations: string[];
  violations: string[];
  /** The `message` events the page's window received (origin and data). */
  messages: string[];
}

export async function pageState(page: Page): Promise<PageState> {
  const text = await page.evaluate(() => document.body.textContent ?? '');
  const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  const messages = await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages);
  return { text, mutations: await pageMutations(page), violations, messages };
}

/** True for the mutations our host element causes (inserting it; a hostile page removing it). */
export function isHostMutation(mutation: string): boolean {
  return /^childList html \+\[context-overlay\] -\[\]$|^childList html \+\[\] -\[context-overlay\]$/.test(mutation);
}

/** A mutation's kind and place without the text it carried: the same page run twice makes the
 *  same kinds of mutation, but a timer-driven page may not hit the very same texts. */
const shape = (mutation: string) => mutation.replace(/ ".*"$/s, ' "…"');

/** Loads `path` in the plain browser, lets `settle` run, and returns what the page did. */
export async function plainRun(
  browser: Browser,
  url: string,
  act: (page: Page) => Promise<void> = async () => {},
  prepare: (page: Page) => Promise<void> = async () => {},
): Promise<PageState & PageWatch> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const watch = await watchPage(page);
    await prepare(page);
    await page.goto(url);
    await act(page);
    return { ...(await pageState(page)), ...watch };
  } finally {
    await context.close();
  }
}

/** Figures of one hostile page, printed for the report. */
export interface Figures {
  page: string;
  marks: number;
  pageMutations: number;
  ourMutations: number;
  problems: number;
  requests: number;
  foreignRequests: number;
}

/**
 * The checks every hostile page must pass: no problem reported, the same text as without the
 * extension, and no mutation the plain run did not make too, except our host's.
 */
export async function expectUntouched(
  page: Page,
  watch: PageWatch,
  plain: PageState & PageWatch,
  requests: { local: string[]; foreign: string[] },
  name: string,
): Promise<Figures> {
  const state = await pageState(page);
  expect(watch.problems, 'console errors, warnings and uncaught exceptions').toEqual([]);
  expect(plain.problems, 'the page itself reports no problem without the extension').toEqual([]);
  expect(state.violations, 'CSP and Trusted Types violations').toEqual([]);
  expect(state.text).toBe(plain.text);
  const plainShapes = new Set(plain.mutations.map(shape));
  const foreign = state.mutations.filter((m) => !isHostMutation(m) && !plainShapes.has(shape(m)));
  expect(foreign, 'mutations the page does not make without the extension').toEqual([]);
  const plainMessages = new Set(plain.messages);
  expect(
    state.messages.filter((m) => !plainMessages.has(m)),
    'messages the page does not receive without the extension',
  ).toEqual([]);
  const found = Object.values(await marks(page)).flat().length;
  const figures: Figures = {
    page: name,
    marks: found,
    pageMutations: state.mutations.filter((m) => !isHostMutation(m)).length,
    ourMutations: state.mutations.filter(isHostMutation).length,
    problems: watch.problems.length + state.violations.length,
    requests: requests.local.length + requests.foreign.length,
    foreignRequests: requests.foreign.length,
  };
  console.log(`HOSTILE ${JSON.stringify(figures)}`);
  return figures;
}
