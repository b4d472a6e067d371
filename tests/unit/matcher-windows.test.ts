// A text file of megabytes is one block: the matcher scans it window by window, so the page can
// get the thread back between windows (a 20 MB file took 120 ms in one piece), and finds in it
// what one pass over the whole would (the offsets below are where the text was written).
import { describe, expect, it } from 'vitest';
import { type TextScan } from '../../src/match/matcher';
import { buildMatcher } from '../../src/match/build-matcher';
import { bundledPack } from '../../src/pack/bundled';

const matcher = buildMatcher(bundledPack);
const WINDOW = 1 << 18;

/** `length` characters of filler with `mentions` written at the given offsets. */
function textWith(length: number, mentions: ReadonlyArray<[number, string]>): string {
  let text = 'the talks went on for days while officials waited. '.repeat(Math.ceil(length / 51)).slice(0, length);
  for (const [at, mention] of mentions) text = text.slice(0, at) + mention + text.slice(at + mention.length);
  return text;
}

/** Scans `text` stopping after every window; the scan and the number of resumes it took. */
function scanStopping(text: string): { scan: TextScan; resumes: number } {
  const pending = matcher.begin(text);
  for (let resumes = 1; ; resumes++) {
    const scan = pending.resume(() => true);
    if (scan) return { scan, resumes };
  }
}

const found = (scan: TextScan) => scan.candidates.map((c) => [c.start, c.end, c.alias]);

describe('a long text scanned window by window', () => {
  it('finds a mention that straddles two windows whole, and stops once per window', () => {
    const text = textWith(3 * WINDOW + 100, [
      [1000, ' Bagram Air Base '],
      [WINDOW - 8, ' Bagram Air Base '],
      [3 * WINDOW + 50, ' Bagram. '],
    ]);
    const { scan, resumes } = scanStopping(text);
    expect(resumes).toBe(4);
    expect(found(scan)).toEqual([
      [1001, 1016, 'Bagram Air Base'],
      [WINDOW - 7, WINDOW + 8, 'Bagram Air Base'],
      [3 * WINDOW + 51, 3 * WINDOW + 57, 'Bagram'],
    ]);
    // (scan() is the same scan, without stopping.)
    expect(found(matcher.scan(text))).toEqual(found(scan));
  });

  it("reads on past the window's reach a mention whose words a long gap parts (found by a review)", () => {
    const gap = ' '.repeat(1200);
    const text = textWith(2 * WINDOW, [[WINDOW - 10, ` Bagram${gap}Air Base `]]);
    const { scan } = scanStopping(text);
    expect(found(scan)).toEqual([[WINDOW - 9, WINDOW - 9 + 15 + 1199, 'Bagram Air Base']]);
  });

  it("finds whole a mention only its long form matches where it starts, its words parted by a long gap at a window's edge (found by a review)", () => {
    // "Qari" alone names no one: nothing matches where it starts within the window's reach.
    const text = textWith(2 * WINDOW, [[WINDOW - 10, ` Qari${' '.repeat(1100)}Fasihuddin `]]);
    const { scan } = scanStopping(text);
    expect(found(scan)).toEqual([[WINDOW - 9, WINDOW - 9 + 4 + 1100 + 10, 'Qari Fasihuddin']]);
  });

  it('starts over without invisible characters when a later window holds one, keeping offsets', () => {
    const text = textWith(2 * WINDOW, [
      [100, ' Bagram Air Base '],
      [WINDOW + 100, ' Bag\u00adram Air Base '],
    ]);
    const { scan } = scanStopping(text);
    expect(found(scan)).toEqual([
      [101, 116, 'Bagram Air Base'],
      [WINDOW + 101, WINDOW + 117, 'Bagram Air Base'],
    ]);
  });
});
