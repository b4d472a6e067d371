// A page that arrives in pieces, as long pages do over a slow network: what has arrived is
// marked while the page still loads, and the finished page holds exactly the right marks
// (none twice, none for text a script changed meanwhile, none missing where a mention was
// cut between two pieces).
import { createServer, type Server, type ServerResponse } from 'node:http';
import { expect, marks, test } from './fixtures';

/** Serves one page in `pieces`; each piece after the first waits for release(). */
async function startStreamingServer(pieces: readonly string[]) {
  let response: ServerResponse | null = null;
  let sent = 0;
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/page')) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    // Padding past the parser's first buffer, so the first piece is parsed at once.
    res.write(`${pieces[0]}<!--${' '.repeat(4096)}-->`);
    sent = 1;
    response = res;
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}/page`,
    release() {
      if (!response) throw new Error('page not requested yet');
      const piece = pieces[sent++];
      if (piece === undefined) throw new Error('no piece left');
      if (sent === pieces.length) response.end(piece);
      else response.write(`${piece}<!--${' '.repeat(4096)}-->`);
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const sorted = (m: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(m)
      .filter(([, list]) => list.length > 0)
      .map(([topic, list]) => [topic, [...list].sort()]),
  );

test('marks a page while it loads, and the loaded page exactly once', async ({ page }) => {
  const stream = await startStreamingServer([
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
  ]);
  try {
    await page.goto(stream.url, { waitUntil: 'commit' });
    // Only the first piece has arrived: its finished paragraph is marked while loading.
    await expect.poll(async () => (await marks(page)).bagram ?? []).toEqual(['Bagram Air Base']);
    expect(await page.evaluate(() => document.readyState)).toBe('loading');

    stream.release();
    await expect.poll(async () => (await marks(page))['doha-2020'] ?? []).toEqual(['Doha agreement']);
    expect(await page.evaluate(() => document.readyState)).toBe('loading');

    stream.release();
    stream.release();
    await page.waitForLoadState('domcontentloaded');
    await expect
      .poll(async () => sorted(await marks(page)))
      .toEqual({
        bagram: ['Bagram', 'Bagram'],
        'doha-2020': ['Doha agreement'],
        fitrat: ['Fasihuddin Fitrat', 'Qari Fasihuddin Fitrat'],
      });
  } finally {
    await stream.close();
  }
});
