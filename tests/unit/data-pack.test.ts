import { describe, expect, it } from 'vitest';
import { loadDataFiles } from '../../src/pack/data-files';
import { parseTopicPack } from '../../src/pack/validate';
import { buildCard } from '../../src/card/model';

const { article, pack } = loadDataFiles(new URL('../../data/', import.meta.url));
const valid = () => JSON.parse(JSON.stringify(pack)) as Record<string, any>;

describe('the bundled data pack', () => {
  it('has the three topics of the story', () => {
    expect(pack.topics.map((t) => t.id)).toEqual(['bagram', 'fitrat', 'doha-2020']);
  });

  it('traces every card fact to its article sentence', () => {
    for (const topic of pack.topics) {
      const card = buildCard(topic.id, pack.topics, article);
      expect(card.facts.length).toBeGreaterThanOrEqual(2);
      for (const fact of card.facts) {
        // Every number and capitalised name in a fact must stand in the sentence it cites,
        // so a fact cannot carry a date, place or person the article does not give there.
        const names = fact.text.match(/\b(?:\d+|[A-Z][a-zA-Z]+)\b/g) ?? [];
        for (const name of names.slice(1)) expect(fact.sentence, `${topic.id}: "${fact.text}"`).toContain(name);
      }
    }
  });

  it('dates every timeline step with numbers its sentence gives', () => {
    const card = buildCard('bagram', pack.topics, article);
    expect(card.timeline.map((t) => t.when)).toEqual([
      'Early 1950s',
      'Cold War',
      'Soviet occupation',
      'Around 2010',
      '2012 and 2019',
      'July 2021',
      'Now',
    ]);
    for (const step of card.timeline) {
      for (const number of `${step.when} ${step.text}`.match(/\d+/g) ?? []) {
        expect(step.sentence, `${step.when}: ${step.text}`).toContain(number);
      }
      const names = step.text.match(/\b[A-Z][a-zA-Z]+\b/g) ?? [];
      for (const name of names.slice(1)) expect(step.sentence, step.text).toContain(name);
    }
  });

  it("gives Fitrat's quote from the article", () => {
    const card = buildCard('fitrat', pack.topics, article);
    expect(card.quote?.text).toContain('not possible');
  });
});

describe('a malformed pack fails with the file and field named', () => {
  const parse = (json: unknown) => () => parseTopicPack(json, 'data/topics.json', article);
  it.each<[string, (p: Record<string, any>) => void, RegExp]>([
    [
      'unknown sentence',
      (p) => (p.topics[0].facts[0].sentence = 'p99s1'),
      /topics\[0\]\.facts\[0\]\.sentence: unknown article sentence "p99s1"/,
    ],
    [
      'evidence not in sentence',
      (p) => (p.topics[0].facts[0].evidence = 'made up'),
      /topics\[0\]\.facts\[0\]\.evidence/,
    ],
    [
      'duplicate alias',
      (p) => p.topics[1].aliases.push({ text: 'bagram  AIR base' }),
      /topics\[1\]\.aliases\[\d+\]\.text: duplicate alias/,
    ],
    ['bad id', (p) => (p.topics[0].id = 'Bagram Base'), /topics\[0\]\.id: "Bagram Base" must be lower-case kebab-case/],
    [
      'unknown requirement',
      (p) => (p.topics[1].aliases[2].requires = ['cue:nowhere']),
      /requires\[0\]: "cue:nowhere" names no cue/,
    ],
    ['missing title', (p) => delete p.topics[2].title, /topics\[2\]\.title: must be a non-empty string/],
    ['bad case rule', (p) => (p.topics[0].aliases[0].case = 'upper'), /aliases\[0\]\.case: must be one of/],
    ['quote not in article', (p) => (p.topics[1].quote.text = 'We want it.'), /topics\[1\]\.quote\.text/],
  ])('%s', (_name, breakIt, message) => {
    const broken = valid();
    breakIt(broken);
    expect(parse(broken)).toThrow(message);
  });

  it('rejects a file that is not an object', () => {
    expect(parse([])).toThrow(/data\/topics\.json: \(top level\): must be an object/);
  });
});
