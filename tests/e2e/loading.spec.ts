// A page that arrives in pieces, as long pages do over a slow network: what has arrived is
// marked while the page still loads, and the finished page holds exactly the right marks
// (none twice, none for text a script changed meanwhile, none missing where a mention was
// cut between two pieces).
import type { Page } from '@playwright/test';
import { expect, marks, test } from './fixtures';
import { startStreamServer, type StreamServer } from './stream-server';

const sorted = (m: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(m)
      .filter(([, list]) => list.length > 0)
      .map(([topic, list]) => [topic, [...list].sort()]),
  );

/** Serves `pieces` as one page that arrives a piece at a time (see stream-server.ts). */
async function withStreamedPage(pieces: string[], use: (stream: ReturnType<StreamServer['manual']>) => Promise<void>) {
  const server = await startStreamServer();
  try {
    await use(server.manual(pieces));
  } finally {
    await server.close();
  }
}

/** Lets the rest of the page arrive, then waits for exactly these marks (per topic, sorted). */
async function finishLoading(
  page: Page,
  stream: { release(): void },
  left: number,
  expected: Record<string, string[]>,
) {
  for (let i = 0; i < left; i++) stream.release();
  await page.waitForLoadState('domcontentloaded');
  await expect.poll(async () => sorted(await marks(page))).toEqual(expected);
}

test('marks a page while it loads, and the loaded page exactly once', async ({ page }) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title></head><body>' +
        '<p id="first">Flights left Bagram Air Base at dawn.</p>' +
        '<p>The Taliban signed the Doha',
      // The same paragraph goes on: the mention is cut between two pieces.
      ' agreement in 2020.</p><p>Chief of staff Fasihuddin Fi',
      'trat spoke.</p>' +
        // The page's own script rewrites text the extension has already marked.
        '<script>document.getElementById("first").textContent = "Qari Fasihuddin Fitrat left.";</script>' +
        // Text inside a table but outside a cell is moved before the table by the parser.
        '<table>Bagram foster text<tr><td>A cell</td></tr></table>',
      '<p>Last word on Bagram.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      // Only the first piece has arrived: its finished paragraph is marked while loading.
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram Air Base']);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');

      stream.release();
      await expect.poll(async () => (await marks(page))['doha-2020'] ?? []).toEqual(['Doha agreement']);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');

      await finishLoading(page, stream, 2, {
        bagram: ['Bagram', 'Bagram'],
        'doha-2020': ['Doha agreement'],
        fitrat: ['Fasihuddin Fitrat', 'Qari Fasihuddin Fitrat'],
      });
    },
  );
});

test('page scripts that run while the page loads do not make it lose marks', async ({ page }) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title></head><body>' +
        // A loading placeholder, the text the walk stands on, removed by a later script.
        '<p id="placeholder">Loading the story</p>' +
        // A script puts an element after the paragraph the parser is still filling.
        '<p id="open">Flights left <a href="#">Bagram</a> at dawn' +
        '<script>document.body.appendChild(document.createElement("aside"));</script>',
      // The rest of that paragraph arrives later, with another mention.
      ' before Fasihuddin Fitrat said so.</p>' +
        '<script>document.getElementById("placeholder").remove();</script>' +
        '<p>Notes on Bagram Air Base.</p>',
      '<p>The Taliban and the Doha agreement.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram']);
      await finishLoading(page, stream, 2, {
        bagram: ['Bagram', 'Bagram Air Base'],
        'doha-2020': ['Doha agreement'],
        fitrat: ['Fasihuddin Fitrat'],
      });
    },
  );
});

test('a paragraph the parser added ahead of the walk, moved above it and then changed, is marked', async ({ page }) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title></head><body>' +
        '<p id="top">Top of the page.</p><p>Flights left Bagram at dawn.</p><p>Updated:',
      // The parser adds #late after the walk's place; a script then moves it to the top,
      // which the walk has passed, and writes a mention into it.
      ' today.</p><p id="late">Late news:</p><p>More text.</p>' +
        '<script>const late = document.getElementById("late");' +
        'document.body.insertBefore(late, document.getElementById("top"));' +
        'late.append(" Fasihuddin Fitrat spoke.");</script>',
      '<p>The end.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram']);
      stream.release();
      // Marked while the page still loads: the change behind the walk went through a batch.
      await expect.poll(async () => (await marks(page)).fitrat ?? []).toEqual(['Fasihuddin Fitrat']);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');
      await finishLoading(page, stream, 1, { bagram: ['Bagram'], fitrat: ['Fasihuddin Fitrat'] });
    },
  );
});

test("a script that moves the walk's place up the page and removes a marked paragraph leaves no mark on it", async ({
  page,
}) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title></head><body>' +
        '<p id="gone">Flights left Bagram at dawn.</p><p>Filler text.</p><div id="here"><p>The walk stands in this paragraph',
      // The script moves the walk's place above the marked paragraph, then removes that one:
      // its removal now stands after the walk's place, as a change the walk has yet to reach.
      '.</p></div><script>document.body.prepend(document.getElementById("here"));' +
        'document.getElementById("gone").remove();</script>',
      '<p>Fasihuddin Fitrat spoke.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram']);
      await finishLoading(page, stream, 2, { fitrat: ['Fasihuddin Fitrat'] });
    },
  );
});

test('a script that moves the paragraph the walk stands in further down does not make it skip what it passed over', async ({
  page,
}) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title></head><body>' +
        '<p>Flights left Bagram at dawn.</p><p id="here">The walk stands in this paragraph',
      // The parser adds a paragraph after the walk's place; then a script moves the paragraph
      // the walk stands in below it, so that paragraph is now behind the walk, never walked.
      '.</p><div><p>Fasihuddin Fitrat spoke.</p></div>' +
        '<script>document.body.append(document.getElementById("here"));</script>',
      '<p>The end.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram']);
      await finishLoading(page, stream, 2, { bagram: ['Bagram'], fitrat: ['Fasihuddin Fitrat'] });
    },
  );
});

test('a long document in a frame is marked while it loads, as the top page is', async ({ page, server }) => {
  const filler = Array.from(
    { length: 12 },
    (_, i) => `<p>Paragraph ${i} of the harvest report. ${'Rain fell. '.repeat(40)}</p>`,
  );
  await withStreamedPage(
    [
      `<!doctype html><html><head><title>Report</title></head><body>${filler.join('')}` +
        '<p>Flights left Bagram Air Base.</p><p>More to come',
      '.</p><p>Last word on Bagram.</p></body></html>',
    ],
    async (stream) => {
      await page.goto(server.url('plain.html'));
      await page.evaluate((url) => {
        const frame = document.createElement('iframe');
        frame.src = url;
        document.body.append(frame);
      }, stream.url);
      await expect.poll(() => page.frames().length).toBe(2);
      const frame = page.frames()[1]!;
      // The frame has more than a widget's text before its first mention: it starts, and marks,
      // before the rest has come.
      await expect.poll(async () => (await marks(frame)).bagram ?? []).toEqual(['Bagram Air Base']);
      expect(await frame.evaluate(() => document.readyState)).toBe('loading');
      stream.release();
      await expect.poll(async () => (await marks(frame)).bagram ?? []).toEqual(['Bagram Air Base', 'Bagram']);
    },
  );
});

test('the part of a page parsed last is marked once, not marked again as a page change afterwards', async ({
  page,
}) => {
  // Long enough that the parser takes the rest in more than one go, its last in the same task
  // that ends parsing (with a few hundred rows, their records came before the event).
  const rows = Array.from(
    { length: 3000 },
    (_, i) => `<tr><td>Row ${i}</td><td>${i % 50 === 0 ? 'Flights over Bagram' : 'Nothing to report'}</td></tr>`,
  );
  await withStreamedPage(
    [
      // The page keeps the marks there are when all 62 are first in, looking once a task from
      // DOMContentLoaded (its window listener runs after the document's, the extension's
      // included; the last step may take more than one stretch on a busy machine).
      '<!doctype html><html><head><title>Afghanistan log</title><script>' +
        'addEventListener("DOMContentLoaded", () => {' +
        '  const marks = () => [...(CSS.highlights.get("context-overlay-bagram") ?? [])];' +
        '  const channel = new MessageChannel();' +
        '  const look = () => (marks().length >= 62 ? (window.atLoad = marks()) : channel.port2.postMessage(0));' +
        '  channel.port1.onmessage = look;' +
        '  look();' +
        '});</script></head><body><p>Flights left Bagram at dawn.</p><p>More to come',
      // Parsed in one piece, in the task that ends parsing and dispatches DOMContentLoaded.
      `.</p><table>${rows.join('')}</table><p>Last word on Bagram.</p></body></html>`,
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram']);
      await finishLoading(page, stream, 1, { bagram: Array<string>(62).fill('Bagram') });
      // Past the watcher's batch (16 ms) and a scan of it: the same range objects, none made again.
      await page.waitForFunction(() => 'atLoad' in window);
      await page.waitForTimeout(300);
      const kept = await page.evaluate(() => {
        const atLoad = (window as unknown as { atLoad: AbstractRange[] }).atLoad;
        const now = [...(CSS.highlights.get('context-overlay-bagram') ?? [])];
        return { atLoad: atLoad.length, now: now.length, same: now.filter((r) => atLoad.includes(r)).length };
      });
      expect(kept).toEqual({ atLoad: 62, now: 62, same: 62 });
    },
  );
});

test('a page whose first piece holds no text yet has the rest marked when it comes in one piece', async ({ page }) => {
  const rows = Array.from(
    { length: 300 },
    (_, i) => `<tr><td>Row ${i}</td><td>${i % 50 === 0 ? 'Flights over Bagram' : 'Nothing to report'}</td></tr>`,
  );
  await withStreamedPage(
    [
      // Minified: no white space between the tags, so the body has no text node yet.
      '<!doctype html><html><head><title>Afghanistan log</title></head><body><div class="wrap"><div class="nav">',
      `</div><table>${rows.join('')}</table></div></body></html>`,
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      // The overlay has started and taken a first look at the empty body.
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');
      await finishLoading(page, stream, 1, { bagram: Array<string>(6).fill('Bagram') });
    },
  );
});

test('a page of many small nodes is left until it is parsed, then marked whole, with what scripts changed meanwhile', async ({
  page,
}) => {
  // 27,000 nodes of a few characters each: a data table, where following the parser costs the
  // page its load time (see FOLLOWED_RECORDS in src/page/parse-follower.ts).
  const rows = Array.from({ length: 9000 }, (_, i) => `<tr><td>${i}</td></tr>`);
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan log</title></head><body>' +
        '<p>Flights left Bagram Airfield at dawn.</p><p id="changed">Bagram Air Base</p><p>More to come',
      // A component a script puts at the top: found (behind the walk) and marked while followed.
      '.</p><script>const host = document.createElement("div");' +
        'host.attachShadow({ mode: "open" }).innerHTML = "<p>Flights over Bagram Air Field.</p>";' +
        'document.body.prepend(host);</script><p>Still more',
      `.</p><table>${rows.join('')}</table>`,
      // Behind the walk, while the page is not watched: a changed mark, a new paragraph at the top.
      '<script>document.getElementById("changed").textContent = "The Taliban signed the Doha agreement.";' +
        'document.body.prepend(Object.assign(document.createElement("p"), { textContent: "Qari Fasihuddin Fitrat spoke." }));' +
        '</script><p>Last word on Bagram.</p><p>End of the log.</p>',
      '</body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      await expect
        .poll(async () => [...((await marks(page)).bagram ?? [])].sort())
        .toEqual(['Bagram Air Base', 'Bagram Airfield']);
      stream.release();
      await expect
        .poll(async () => [...((await marks(page)).bagram ?? [])].sort())
        .toEqual(['Bagram Air Base', 'Bagram Air Field', 'Bagram Airfield']);
      stream.release();
      stream.release();
      // What the parser adds from here on waits for the end of parsing (a followed page has it
      // marked within a step, well under this).
      await page.waitForTimeout(800);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');
      expect((await marks(page)).bagram ?? []).not.toContain('Bagram');
      await finishLoading(page, stream, 1, {
        bagram: ['Bagram', 'Bagram Air Field', 'Bagram Airfield'],
        'doha-2020': ['Doha agreement'],
        fitrat: ['Qari Fasihuddin Fitrat'],
      });
    },
  );
});

test('components the page defines in its own DOMContentLoaded listener have their mentions marked', async ({
  page,
}) => {
  await withStreamedPage(
    [
      '<!doctype html><html><head><title>Afghanistan notes</title><script>' +
        'addEventListener("DOMContentLoaded", () => customElements.define("news-card", class extends HTMLElement {' +
        '  constructor() { super(); this.attachShadow({ mode: "open" }).innerHTML = "<p>Flights over Bagram Air Base.</p>"; }' +
        '}));</script>',
      // The body in one piece, parsed in the task that ends parsing: not walked before the
      // event, so the page is scanned then, and its shadow roots looked for after its listeners.
      '</head><body><p>Notes from Kabul.</p><news-card></news-card></body></html>',
    ],
    async (stream) => {
      await page.goto(stream.url, { waitUntil: 'commit' });
      // The overlay has started, with nothing to walk yet.
      await page.waitForTimeout(500);
      stream.release();
      await expect.poll(async () => sorted(await marks(page))).toEqual({ bagram: ['Bagram Air Base'] });
    },
  );
});
