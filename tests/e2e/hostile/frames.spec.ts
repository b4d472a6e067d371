import type { Frame, Page } from '@playwright/test';
import { marks, requestLog, textCenter } from '../fixtures';
import { expect, expectUntouched, isHostMutation, plainRun, test, watchPage } from './hostile';

/** Text and mutations of every child frame, by frame element id. */
async function frameStates(page: Page): Promise<Record<string, { text: string; mutations: string[] }>> {
  const out: Record<string, { text: string; mutations: string[] }> = {};
  for (const id of ['same', 'srcdoc', 'cross', 'sandboxed', 'blank']) {
    const frame = await childFrame(page, id);
    out[id] = await frame.evaluate(() => ({
      text: document.body.textContent ?? '',
      mutations: (window as unknown as { __mutations?: string[] }).__mutations ?? [],
    }));
  }
  return out;
}

async function childFrame(page: Page, id: string): Promise<Frame> {
  const frame = await (await page.locator(`#${id}`).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no frame #${id}`);
  return frame;
}

test('frames of every kind: marked, their cards open inside them, nothing else changes', async ({
  page,
  server,
  otherServer,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url(`hostile/frames.html?cross=${encodeURIComponent(otherServer.url('frame-child.html'))}`);
  const watch = await watchPage(page);
  await page.goto(url);
  const expected: Record<string, [string, string]> = {
    same: ['Bagram Airfield', 'Bagram Air Base'],
    srcdoc: ['Fasihuddin Fitrat', 'Fasihuddin Fitrat'],
    cross: ['Doha Agreement', 'The 2020 US–Taliban agreement'],
    blank: ['Doha Agreement', 'The 2020 US–Taliban agreement'],
  };
  for (const [id, [text, title]] of Object.entries(expected)) {
    const frame = await childFrame(page, id);
    await expect.poll(async () => Object.values(await marks(frame)).flat(), { message: id }).toContain(text);
    const box = (await page.locator(`#${id}`).boundingBox())!;
    const at = await textCenter(frame, 'body', text);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const card = page.frameLocator(`#${id}`).getByRole('dialog', { name: title });
    await expect(card, id).toBeVisible();
    await page.mouse.move(1200, 780);
    await expect(card, id).toHaveCount(0);
  }
  // A sandboxed frame (opaque origin, no scripts): Chromium injects content scripts there too.
  const sandboxed = await childFrame(page, 'sandboxed');
  await expect.poll(() => marks(sandboxed)).toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': [] });

  const withExtension = await frameStates(page);
  let plainFrames: Awaited<ReturnType<typeof frameStates>> = {};
  const plain = await plainRun(plainBrowser, url, async (p) => {
    await expect.poll(async () => (await frameStates(p)).cross?.text ?? '').toContain('Doha');
    plainFrames = await frameStates(p);
  });
  for (const [id, state] of Object.entries(withExtension)) {
    expect(state.text, id).toBe(plainFrames[id]?.text);
    expect(
      state.mutations.filter((m) => !isHostMutation(m)),
      id,
    ).toEqual(plainFrames[id]?.mutations);
  }
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'frames (5 kinds)');
});
