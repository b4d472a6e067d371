import { expect, marks, test, textCenter, openPopupFor } from './fixtures';

test('marks mentions in same-origin, srcdoc and cross-origin frames, and counts them all', async ({
  page,
  server,
  otherServer,
  serviceWorker,
  extensionId,
  browserContext,
}) => {
  await page.goto(server.url(`frames.html?cross=${encodeURIComponent(otherServer.url('frame-child.html'))}`));
  const frameMarks = async (selector: string) => {
    const handle = await page.locator(selector).elementHandle();
    const frame = await handle!.contentFrame();
    return Object.values(await marks(frame!)).flat();
  };
  await expect.poll(() => marks(page)).toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': [] });
  await expect.poll(() => frameMarks('#same')).toEqual(['Bagram Airfield', 'Doha Agreement']);
  await expect.poll(() => frameMarks('#srcdoc')).toEqual(['Fasihuddin Fitrat']);
  await expect.poll(() => frameMarks('#cross')).toEqual(['Bagram Airfield', 'Doha Agreement']);

  // A card opens inside a frame too.
  const frame = page.frameLocator('#cross');
  const box = (await page.locator('#cross').boundingBox())!;
  const crossFrame = (await (await page.locator('#cross').elementHandle())!.contentFrame())!;
  const inFrame = await textCenter(crossFrame, 'body', 'Doha Agreement');
  await page.mouse.move(box.x + inFrame.x, box.y + inFrame.y);
  await expect(frame.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();

  const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
  await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('3');
  await expect(popup.locator('[data-topic="doha-2020"] .count')).toHaveText('2');
  await expect(popup.locator('[data-topic="fitrat"] .count')).toHaveText('1');
});

test('a frame with nothing to mark starts nothing until a mention comes (ads, widgets)', async ({
  page,
  server,
  serviceWorker,
}) => {
  // The documents that reported to the background, beside its own listener.
  await serviceWorker.evaluate(() => {
    const scope = self as unknown as { __reporting: Set<string> };
    scope.__reporting = new Set();
    chrome.runtime.onMessage.addListener((message: { type?: string; report?: { documentToken: string } }) => {
      if (message.type === 'frame-report' && message.report) scope.__reporting.add(message.report.documentToken);
    });
  });
  const reporting = () =>
    serviceWorker.evaluate(() => (self as unknown as { __reporting: Set<string> }).__reporting.size);
  await page.goto(server.url('plain.html'));
  await page.evaluate(() => {
    const frame = (id: string, srcdoc?: string) => {
      const f = document.createElement('iframe');
      f.id = id;
      if (srcdoc !== undefined) f.srcdoc = srcdoc;
      document.body.append(f);
      return f;
    };
    frame('ad', '<p>Advertisement: shoes, half price.</p><script>var slot = "x".repeat(30000);</script>');
    frame('news', '<p>Flights left Bagram Air Base.</p>');
    frame(
      'component',
      '<news-card></news-card><script>document.querySelector("news-card").attachShadow({ mode: "open" })' +
        '.append(Object.assign(document.createElement("p"), { textContent: "Fasihuddin Fitrat spoke." }));</script>',
    );
    // Written by the page into an about:blank frame, as ad scripts do.
    const written = frame('written').contentDocument!;
    written.open();
    written.write('<p>The Doha Agreement of 2020 with the Taliban, in Afghanistan.</p>');
    written.close();
  });
  const inFrame = async (id: string) => (await (await page.locator(`#${id}`).elementHandle())!.contentFrame())!;
  const names = async (id: string) => (await inFrame(id)).evaluate(() => [...CSS.highlights.keys()]);
  await expect.poll(async () => Object.values(await marks(await inFrame('news'))).flat()).toEqual(['Bagram Air Base']);
  await expect.poll(async () => Object.values(await marks(await inFrame('component'))).flat()).toHaveLength(1);
  await expect
    .poll(async () => Object.values(await marks(await inFrame('written'))).flat())
    .toEqual(['Doha Agreement']);
  await page.waitForTimeout(300);
  // The ad frame has no highlight registered and told the background nothing; the page and
  // the three frames with mentions did.
  expect(await names('ad')).toEqual([]);
  await expect.poll(reporting).toBe(4);

  // Text with a mention comes into the ad frame later: it starts, marks it and reports.
  await (
    await inFrame('ad')
  ).evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Sponsored: a history of Bagram.';
    document.body.append(p);
  });
  await expect.poll(async () => Object.values(await marks(await inFrame('ad'))).flat()).toEqual(['Bagram']);
  await expect.poll(reporting).toBe(5);
});
