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
