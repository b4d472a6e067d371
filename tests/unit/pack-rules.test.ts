// The alias and cue parts of the pack schema: a malformed rule fails the build with the file
// and field named, like every other pack error.
import { describe, expect, it } from 'vitest';
import { loadDataFiles } from '../../src/pack/data-files';
import { parseTopicPack } from '../../src/pack/validate';

const { article, pack } = loadDataFiles(new URL('../../data/', import.meta.url));
const fitratAlias = pack.topics[1]!.aliases.findIndex((a) => a.text === 'Fitrat');

describe('alias rules in the pack', () => {
  const parse = (json: unknown) => () => parseTopicPack(json, 'data/topics.json', article);
  const copy = () => JSON.parse(JSON.stringify(pack)) as Record<string, any>;
  const alias = (p: Record<string, any>) => p.topics[1].aliases[fitratAlias];

  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    ['rule syntax', (p) => (alias(p).requires = ['cue afghanistan']), /requires\[0\]: "cue afghanistan" is not a rule/],
    [
      'scope syntax',
      (p) => (alias(p).requires = ['cue:taliban@page']),
      /requires\[0\]: "cue:taliban@page" is not a rule/,
    ],
    [
      'unknown cue list',
      (p) => (alias(p).unless = ['cue:nowhere@block']),
      /unless\[0\]: "cue:nowhere@block" names no cue list/,
    ],
    [
      'unknown topic',
      (p) => (alias(p).requires = ['topic:kabul']),
      /requires\[0\]: "topic:kabul" names no cue list or topic/,
    ],
    [
      'a cue list name that is only an object property',
      (p) => (alias(p).unless = ['name-before:constructor']),
      /unless\[0\]: "name-before:constructor" names no cue list/,
    ],
    ['name rule outside unless', (p) => (alias(p).requires = ['name-before:not-names']), /belongs in unless/],
    ['name rule with a scope', (p) => (alias(p).unless = ['name-after:not-names@3']), /is not a rule/],
    ['name rule in sure', (p) => (alias(p).sure = ['name-after:not-names']), /belongs in unless/],
    ['title rule outside unless', (p) => (alias(p).requires = ['title-before:person-titles']), /belongs in unless/],
    ['title rule with a scope', (p) => (alias(p).unless = ['title-before:person-titles@1']), /is not a rule/],
    [
      'a word in two lists once both are looked for as cues',
      (p) => (alias(p).requires = ['cue:not-names', 'cue:person-titles']),
      /cues\.person-titles\[\d+\]: duplicate word "Mr"/,
    ],
    ['page-wide sure', (p) => (alias(p).sure = ['cue:taliban']), /sure\[0\]: "cue:taliban" needs @block or @<words>/],
    ['empty ending', (p) => (alias(p).endings = ['']), /endings\[0\]: must be a non-empty string/],
    ['cue word twice', (p) => p.cues.taliban.push('Kabul'), /cues\.taliban\[\d+\]: duplicate word "Kabul"/],
    [
      'cue word that is an alias',
      (p) => p.cues.taliban.push('Bagram'),
      /aliases\[\d+\]\.text: duplicate alias "Bagram"/,
    ],
    [
      'bad cue case',
      (p) => p.cues.taliban.push({ text: 'Emirate', case: 'upper' }),
      /cues\.taliban\[\d+\]\.case: must be one of/,
    ],
  ])('%s', (_name, breakIt, message) => {
    const p = copy();
    breakIt(p);
    expect(parse(p)).toThrow(message);
  });

  it('accepts every rule form the README documents', () => {
    const p = copy();
    alias(p).requires = ['cue:taliban', 'cue:taliban@block', 'cue:taliban@12', 'topic:bagram', 'topic:bagram@block'];
    alias(p).unless = [
      'cue:other-doha@3',
      'name-before:not-names',
      'name-after:not-names',
      'title-before:person-titles',
      'person-after:not-names',
    ];
    expect(parse(p)).not.toThrow();
  });
});
