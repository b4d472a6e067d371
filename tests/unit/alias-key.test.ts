// aliasKey's short way (letter case only, for text that nothing else in the folding would
// change) must give what the long way gives: a key that differs finds no entry, and the mention
// goes unmarked.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parsePassages } from '../../src/cli/mention-eval';
import { aliasKey, foldedKey, foldsCaseOnly } from '../../src/match/normalize';
import { bundledPack } from '../../src/pack/bundled';

const file = 'tests/fixtures/mentions/passages.jsonl';
const passages = parsePassages(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);

it('folds every alias, cue word and stretch of the corpus as the long way does', () => {
  const texts = [
    ...bundledPack.topics.flatMap((t) => t.aliases.map((a) => a.text)),
    ...Object.values(bundledPack.cues).flatMap((words) => words.map((w) => w.text)),
    // Every run of one to four words of the corpus, as a match may be.
    ...passages.flatMap(({ text }) => {
      const words = text.split(' ');
      return words.flatMap((_, i) => [1, 2, 3, 4].map((n) => words.slice(i, i + n).join(' ')));
    }),
  ];
  expect(texts.length).toBeGreaterThan(10_000);
  let short = 0;
  for (const text of texts) {
    expect(aliasKey(text), text).toBe(foldedKey(text));
    if (foldsCaseOnly(text)) short++;
  }
  expect(short).toBeGreaterThan(texts.length / 2);
});

it('takes the long way for what it folds besides letter case', () => {
  const cases: Array<[string, string]> = [
    ['Bagram  Air Base', 'bagram air base'],
    [' Bagram ', 'bagram'],
    ['Bagram\u00a0Air\tBase', 'bagram air base'],
    ['US\u2013Taliban', 'us-taliban'],
    ['Taliban\u2019s', "taliban's"],
    ['فصیح الدین', 'فصیحالدین'],
    ['فصيح\u200cالدين', 'فصیحالدین'],
    ['法西胡丁·菲特拉特', '法西胡丁菲特拉特'],
    ['İSTANBUL', 'i̇stanbul'],
    ['БАГРАМ', 'баграм'],
  ];
  for (const [text, key] of cases) {
    expect(foldsCaseOnly(text), text).toBe(text === 'İSTANBUL' || text === 'БАГРАМ');
    expect(aliasKey(text), text).toBe(key);
    expect(foldedKey(text), text).toBe(key);
  }
});
