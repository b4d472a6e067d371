// One regex for many aliases (src/match/alternation.ts). The prefilter's and the matcher's
// regexes put the alternatives that begin past Latin behind one test of a character: they must
// find what the plain trie finds, where it finds it, in any letter case.
import { describe, expect, it } from 'vitest';
import { factoredSource, gatedSource } from '../../src/match/alternation';
import { buildMatcher } from '../../src/match/build-matcher';
import { aliasAtoms } from '../../src/match/normalize';
import { prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { seeded } from './random-dom';

const WORDS = [
  'Bagram',
  'Bagram Air Base',
  'Bağram',
  'Kabul',
  'Kaboul',
  'Баграм',
  'Кабул',
  'بگرام',
  'کابل', // keheh: its atom is a class of it and Arabic kaf
  'یونس', // Persian yeh: a class too
  '巴格拉姆',
  'बगराम',
  'Δόχα',
  'Élysée',
  'μ-meson',
  // Letters at U+0400 or above that the `i` flag folds below it: ⱥ and ⱦ (capitals Ⱥ, Ⱦ at
  // U+023A, U+023E), the Greek prosgegrammeni (ι, U+03B9).
  'ⱥbc',
  'ⱦo',
  '\u1fbex',
];

/** Every match of `source` in `text` (global, case-insensitive, as both regexes run). */
function matches(source: string, text: string): string[] {
  const re = new RegExp(source, 'gi');
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(`${m.index}:${m[0]}`);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

describe('gatedSource', () => {
  const alternatives = WORDS.map((w) => aliasAtoms(w.toLowerCase(), []));
  const plain = factoredSource(alternatives);
  const gated = gatedSource(alternatives);

  it('finds what the plain trie finds, at the same places, in random text of mixed scripts and cases', () => {
    const random = seeded(11);
    const pieces = [
      ...WORDS,
      ' ',
      '“',
      '”',
      '—',
      '’s',
      'the ',
      'ба',
      'کا',
      'Ǆ',
      'µ',
      'ſ',
      'K',
      'ı',
      'İ',
      'Ⱥbc',
      'Ⱦo',
      'ιx',
      'Ιx',
      'ι',
    ];
    for (let round = 0; round < 2000; round++) {
      const parts = Array.from({ length: 12 }, () => pieces[Math.floor(random() * pieces.length)]!);
      const text = parts.map((p) => (random() < 0.3 ? p.toUpperCase() : random() < 0.5 ? p.toLowerCase() : p)).join('');
      expect(matches(gated, text), text).toEqual(matches(plain, text));
    }
  });

  it('puts behind the gate only the alternatives whose first letter it lets through in any case', () => {
    const [latin, rest] = gated.split('(?![');
    for (const word of ['bagram', 'bağram', 'kabul', 'δόχα', 'élysée', 'ⱥbc', 'ⱦo', '\u1fbex'])
      expect(latin).toContain(word.slice(0, 2));
    for (const word of ['ба', 'بگ', '[کك]', '[یيى]', '巴', 'ब']) expect(rest).toContain(word);
  });

  it('is the plain trie when nothing begins past Latin, or an alternative is empty', () => {
    const latinOnly = alternatives.slice(0, 5);
    expect(gatedSource(latinOnly)).toBe(factoredSource(latinOnly));
    const withEmpty = [[], ...alternatives];
    expect(gatedSource(withEmpty)).toBe(factoredSource(withEmpty));
  });

  it('gives the bundled pack’s prefilter and matcher the gate', () => {
    const { any, mentions } = prefilterSource(bundledPack);
    for (const source of [any, mentions, buildMatcher(bundledPack).source])
      expect(source).toContain('(?![\\0-\u03ff])');
  });
});
