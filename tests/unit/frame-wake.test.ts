// A subframe waits for text worth its start (src/page/frame-wake.ts): a "no" leaves a frame's
// mentions unmarked for good, so it must not miss a name its text holds in pieces.
import { describe, expect, it } from 'vitest';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { whenFrameWorthScanning } from '../../src/page/frame-wake';
import { fillBody, happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();
const prefilter = new Prefilter(prefilterSource(bundledPack));

/** Whether a parsed frame holding `html` starts (within a few turns of the event loop). */
async function wakes(html: string): Promise<boolean> {
  fillBody(page, html);
  const woken = whenFrameWorthScanning(
    page.doc,
    (text) => prefilter.mightMatch(text),
    () => true,
  ).then(() => true);
  return Promise.race([woken, new Promise<boolean>((done) => setTimeout(() => done(false), 50))]);
}

describe('a frame waiting for something worth scanning', () => {
  it('starts for a name and sleeps through an ad', async () => {
    expect(await wakes('<p>Flights left Bagram.</p>')).toBe(true);
    expect(await wakes('<p>Buy one, get one free.</p>')).toBe(false);
  });

  it('starts for a name annotated character by character with a ruby reading', async () => {
    expect(await wakes('<p><ruby>巴<rt>bā</rt>格<rt>gé</rt>拉<rt>lā</rt>姆<rt>mǔ</rt></ruby>空军基地</p>')).toBe(true);
  });
});
