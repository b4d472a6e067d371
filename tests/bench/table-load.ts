// A page of many small nodes, by turns with the extension on and with it switched off for the
// page's site, in one Chromium: how much later its parsing ends (DOMContentLoaded) because the
// extension reads the page while it loads. Not part of `npm run bench` (each load takes seconds);
// run it as `npm run --silent bench:table [-- --loads N --rows N]`.
//
// The page is a data table (20,000 rows of 8 cells: about 340,000 elements and 6.6 MB), the kind
// that a watched parser made seconds slower (see FOLLOWED_RECORDS in src/page/parse-follower.ts).
// The same server answers as 127.0.0.1 (on) and as localhost (switched off in the popup), so
// both loads share one browser, its extension and its caches.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { launch, extensionPath } from './browser';
import { pick, seededRandom } from './random';
import { MENTIONS } from './text';

const { values } = parseArgs({
  options: { loads: { type: 'string', default: '5' }, rows: { type: 'string', default: '20000' } },
});
const loads = Number(values.loads);
const rows = Number(values.rows);

const WORDS = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'elit', 'sed', 'do', 'tempor', 'adipiscing'];

/** The table, and how many mentions it holds (one in every 500th cell). */
function tablePage(seed: number): { html: string; mentions: number } {
  const random = seededRandom(seed);
  let mentions = 0;
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    cells.push('<tr>');
    for (let c = 0; c < 8; c++) {
      const words = [pick(random, WORDS), pick(random, WORDS), pick(random, WORDS)];
      if ((r * 8 + c) % 500 === 0) {
        words.splice(1, 0, pick(random, MENTIONS));
        mentions++;
      }
      cells.push(`<td><span>${words.join(' ')}</span></td>`);
    }
    cells.push('</tr>');
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Data dump</title></head><body><h1>Data dump</h1><table>${cells.join('')}</table></body></html>`;
  return { html, mentions };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main() {
  const { html, mentions } = tablePage(11);
  const server = createServer((req, res) => {
    const body = req.url === '/table.html' ? html : '<!doctype html><title>blank</title><p>A blank page.</p>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const on = `http://127.0.0.1:${address.port}/table.html`;
  const off = `http://localhost:${address.port}/table.html`;
  const browser = await launch(true);
  try {
    const context = browser.page.context();
    // Switched off for localhost, as a reader would: the popup of a tab on it, its switch.
    await browser.page.goto(`http://localhost:${address.port}/blank`);
    const worker = context.serviceWorkers()[0]!;
    const tabId = await worker.evaluate(async (url) => {
      const tabs = await chrome.tabs.query({});
      return tabs.find((t) => t.url?.startsWith(url))?.id;
    }, `http://localhost:${address.port}/`);
    const extensionId = new URL(worker.url()).host;
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    // (On by default: its state shown first, then switched off, and the switch says so.)
    const toggle = popup.getByRole('switch', { checked: true });
    await toggle.click();
    await popup.getByRole('switch', { checked: false }).waitFor();
    await popup.close();

    const dcl: Record<'on' | 'off', number[]> = { on: [], off: [] };
    let marked = -1;
    for (let i = 0; i < loads; i++) {
      for (const which of i % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const page = await context.newPage();
        await page.goto(which === 'on' ? on : off, { waitUntil: 'load', timeout: 120_000 });
        dcl[which].push(
          await page.evaluate(() =>
            Math.round(
              (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
            ),
          ),
        );
        if (which === 'on') {
          // Every mention marked in the end (a load is measured only if it ends right).
          await page.waitForFunction(
            (n) => [...CSS.highlights.values()].reduce((sum, h) => sum + h.size, 0) >= n,
            mentions,
            { timeout: 60_000 },
          );
          marked = await page.evaluate(() => [...CSS.highlights.values()].reduce((sum, h) => sum + h.size, 0));
        } else if (await page.evaluate(() => CSS.highlights.size > 0)) {
          throw new Error('the extension marked the page of the site it is switched off for');
        }
        await page.close();
      }
      process.stderr.write(`table: load ${i + 1}/${loads}: on ${dcl.on.at(-1)} ms, off ${dcl.off.at(-1)} ms\n`);
    }
    console.log(
      JSON.stringify({
        extension: extensionPath,
        chromium: browser.version,
        elements: rows * 17 + 4,
        htmlMB: Math.round(html.length / 1e4) / 100,
        mentions,
        marked,
        dclOnMs: dcl.on,
        dclOffMs: dcl.off,
        medianOnMs: median(dcl.on),
        medianOffMs: median(dcl.off),
        ratio: Math.round((median(dcl.on) / median(dcl.off)) * 100) / 100,
      }),
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
