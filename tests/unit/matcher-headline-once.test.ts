// A block full of mentions that each name a person ("Uncle Bagram", "Баграм Саакян") asked
// whether the whole block is a headline once per mention: a 350 KB paragraph of them took
// 27–80 s in the scan CLI (a review found it). The question is asked once per block now.
import { describe, expect, it, vi } from 'vitest';

const asked = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/match/conditions', async (importActual) => {
  const actual = await importActual<typeof import('../../src/match/conditions')>();
  return {
    ...actual,
    titleCased: (text: string) => {
      asked.count++;
      return actual.titleCased(text);
    },
  };
});

const { buildMatcher } = await import('../../src/match/build-matcher');
const { bundledPack } = await import('../../src/pack/bundled');

describe('a long block of mentions that name persons', () => {
  const matcher = buildMatcher(bundledPack);
  it.each([
    ['English titles', 'Talibs and Kabul, said Uncle Bagram yesterday. '],
    ['Russian given names', 'Талибы и Кабул, сказал Баграм Саакян вчера. '],
  ])('reads whether the block is a headline once (%s)', (_name, sentence) => {
    asked.count = 0;
    const scan = matcher.scan(sentence.repeat(500));
    expect(scan.candidates).toEqual([]);
    expect(asked.count).toBeLessThanOrEqual(1);
  });
});
