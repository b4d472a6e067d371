// Word scopes (`cue:taliban@5`) count the words between a mention and a cue word, reading no
// further than the word past the scope: the same answer as counting every word of the gap.
import { describe, expect, it } from 'vitest';
import { wordsWithin } from '../../src/match/conditions';

/** The whole count, as the matcher made it before: every word of the gap. */
const WORD =
  /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u00a0\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff,.;:!?()"“”«»—–-]+/g;
const countAll = (text: string) => text.match(WORD)?.length ?? 0;

const PIECES = [
  'Taliban',
  ' ',
  '  ',
  ', ',
  '. ',
  '—',
  'Doha',
  '巴格拉姆',
  'agreement',
  '\u00a0',
  '(2020)',
  '-',
  'x',
  '“',
  '»',
];

describe('words between two places', () => {
  it('answers as counting every word of the gap would, whatever the gap holds', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from(
        { length: Math.floor(random() * 30) },
        () => PIECES[Math.floor(random() * PIECES.length)],
      ).join('');
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      // The gap's edges stand at word edges in the matcher (a mention or a cue word ends there).
      const gap = text.slice(from, to);
      if (/\w$/.test(text.slice(0, from)) && /^\w/.test(gap)) continue;
      if (/\w$/.test(gap) && /^\w/.test(text.slice(to))) continue;
      const max = Math.floor(random() * 8);
      expect(wordsWithin(text, from, to, max), JSON.stringify({ text, from, to, max })).toBe(countAll(gap) <= max);
    }
  });

  it('finds a gap longer than the limit too far, however long, and a short one near', () => {
    const text = `Taliban ${'word '.repeat(200_000)}agreement`;
    expect(wordsWithin(text, 7, text.length - 9, 5)).toBe(false);
    expect(wordsWithin('Taliban said the agreement', 7, 17, 2)).toBe(true);
  });
});
