// A new topic needs data only: a fourth topic from a fixture file, merged into the bundled
// topic pack as JSON, validated and matched with no code change.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { mentionsInPage, paragraphs } from '../../src/match/page-scan';
import { parseTopicPack } from '../../src/pack/validate';
import { loadDataFiles } from '../../src/pack/data-files';

const { article } = loadDataFiles(new URL('../../data/', import.meta.url));
const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const extra = read('../fixtures/packs/extra-topic.json');
const topics = read('../../data/topics.json');
const merged = {
  ...topics,
  cues: { ...topics.cues, ...extra.cues },
  topics: [...topics.topics, extra.topic],
};
const pack = parseTopicPack(merged, 'data/topics.json', article);
const matcher = buildMatcher(pack);
const found = (page: string) => mentionsInPage(matcher, paragraphs(page)).map((m) => [m.topic, m.text]);

describe('a topic added as data only', () => {
  it('validates with the bundled topics', () => {
    expect(pack.topics.map((t) => t.id)).toEqual(['bagram', 'fitrat', 'doha-2020', 'truth-social']);
  });

  it.each([
    [
      'Trump posted on Truth Social that Bagram matters.',
      [
        ['truth-social', 'Truth Social'],
        ['bagram', 'Bagram'],
      ],
    ],
    ['He wrote on Truth late at night.', [['truth-social', 'Truth']]],
    ['The truth is, nobody posted anything.', []],
    ['Truth be told, the base is empty.', []],
    ['Трамп написал в Трут Сошиал', [['truth-social', 'Трут Сошиал']]],
    ['トランプ氏はトゥルース・ソーシャルに投稿した', [['truth-social', 'トゥルース・ソーシャル']]],
  ])('%j', (page, expected) => {
    expect(found(page)).toEqual(expected);
  });
});
