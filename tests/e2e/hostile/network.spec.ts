import { expect, requestLog, test } from '../fixtures';

// The suite-wide "nothing leaves the browser" check lives in the browserContext fixture; this
// proves it sees what it must: requests from pages and from the extension's service worker.
test('the request recorder sees page and service-worker requests, and flags foreign hosts', async ({
  page,
  server,
  serviceWorker,
  browserContext,
}) => {
  const log = requestLog(browserContext);
  await page.goto(server.url('plain.html'));
  const fromWorker = server.url('plain.html?from=service-worker');
  // eslint-disable-next-line no-restricted-globals -- a request made on purpose, to be seen
  await serviceWorker.evaluate((url) => fetch(url).then((r) => r.status), fromWorker);
  await expect.poll(() => log.local).toContain(fromWorker);

  // eslint-disable-next-line no-restricted-globals -- the page's own request
  await page.evaluate(() => void fetch('http://example.invalid/beacon').catch(() => {}));
  await expect.poll(() => log.foreign).toEqual(['http://example.invalid/beacon']);
  log.foreign.length = 0; // the page's own request, made on purpose: not the extension's
});
