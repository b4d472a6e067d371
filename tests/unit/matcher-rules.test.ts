// The rule engine, on a made-up pack that has nothing to do with the bundled topics: the
// rules are generic, and each is tested from both sides.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { mentionsInPage, paragraphs } from '../../src/match/page-scan';
import { bundledPack } from '../../src/pack/bundled';
import type { Alias, TopicPack } from '../../src/pack/types';

const alias = (text: string, rules: Partial<Alias> = {}): Alias => ({
  text,
  case: 'any',
  requires: [],
  unless: [],
  sure: [],
  endings: [],
  ...rules,
});
const words = (...list: string[]) => list.map((text) => ({ text, case: 'any' as const, endings: [] }));

/** Card fields do not matter to the matcher: borrowed from a bundled topic. */
const card = bundledPack.topics[0]!;

const pack: TopicPack = {
  version: 1,
  cues: {
    space: words('planet', 'orbit', 'NASA'),
    metal: words('element', 'toxic', 'thermometer'),
    titles: words('Dr', 'Professor', 'Then'),
    probes: words('Messenger probe'),
  },
  topics: [
    {
      ...card,
      id: 'mercury',
      aliases: [
        alias('planet Mercury'),
        alias('Mercury', {
          case: 'as-written',
          requires: ['cue:space@4'],
          unless: ['cue:metal@block'],
          sure: ['cue:probes@block'],
        }),
      ],
    },
    {
      ...card,
      id: 'einstein',
      aliases: [
        alias('Albert Einstein'),
        alias('Einstein', {
          case: 'as-written',
          requires: ['topic:einstein', 'cue:space@block'],
          unless: ['name-before:titles', 'name-after:titles'],
        }),
      ],
    },
    {
      ...card,
      id: 'voyager',
      aliases: [alias('Voyager', { requires: ['cue:space', 'topic:mercury'] })],
    },
  ],
};
const matcher = buildMatcher(pack);
/** The text is a page; blank lines separate its blocks. */
const found = (page: string) => mentionsInPage(matcher, paragraphs(page)).map((m) => [m.topic, m.text]);

describe('context rules', () => {
  it.each<[string, string, string[][]]>([
    ['no rule', 'We saw the planet Mercury.', [['mercury', 'planet Mercury']]],
    ['cue within N words', 'NASA sent a probe to Mercury.', [['mercury', 'Mercury']]],
    ['cue after, within N words', 'Mercury has a thin orbit.', [['mercury', 'Mercury']]],
    ['cue too far away', 'NASA, after years of planning and delays, sent a probe to Mercury.', []],
    ['cue in another block', 'NASA said so.\n\nMercury rose.', []],
    ['veto in the same block', 'NASA found Mercury is toxic.', []],
    ['veto in another block', 'NASA found Mercury.\n\nIt is toxic.', [['mercury', 'Mercury']]],
    [
      'a word after it that settles it, despite a veto',
      'Mercury, says the Messenger probe, is toxic.',
      [['mercury', 'Mercury']],
    ],
    ['a settling word before it settles nothing', 'The Messenger probe found Mercury is toxic.', []],
    ['as-written case', 'NASA found mercury.', []],
    ['all capitals', 'NASA FINDS MERCURY', [['mercury', 'MERCURY']]],
    [
      'full name elsewhere on the page',
      'Albert Einstein wrote.\n\nLater, Einstein smiled.',
      [
        ['einstein', 'Albert Einstein'],
        ['einstein', 'Einstein'],
      ],
    ],
    ['no full name, no cue', 'Einstein smiled.', []],
    ['cue in the same block', 'Einstein studied the orbit.', [['einstein', 'Einstein']]],
    ['a title before is not a name', 'Dr Einstein studied the orbit.', [['einstein', 'Einstein']]],
    ['a sentence-starting word listed as not a name', 'Then Einstein studied the orbit.', [['einstein', 'Einstein']]],
    ['another given name before', 'Alfred Einstein studied the orbit.', []],
    ['another name after', 'Einstein Smith studied the orbit.', []],
    [
      'a headline in title case capitalises its verbs: the word after is no given name there',
      'Professor Einstein Rejects The Orbit Theory',
      [['einstein', 'Einstein']],
    ],
    [
      'in a headline in title case the word before still tells a given name',
      'Orbit Scientists Honour Alfred Einstein At Dinner\n\nEinstein studied the orbit.',
      [],
    ],
    [
      'a short capitalised line is no headline: a photo credit’s given name still counts',
      'Albert Einstein wrote.\n\nPhoto Credit: Alfred Einstein\n\nEinstein studied the orbit.',
      [['einstein', 'Albert Einstein']],
    ],
    [
      'the same words in a sentence: the capitalised word after is a name',
      'Professor Einstein Rejects studied the orbit.',
      [],
    ],
    [
      'a namesake on the page vetoes the surname alone elsewhere',
      'Albert Einstein wrote.\n\nHis cousin Alfred Einstein replied.\n\nEinstein studied the orbit.',
      [['einstein', 'Albert Einstein']],
    ],
    [
      'a namesake credited with "by" rules out only itself (a reporter under the story)',
      'Albert Einstein wrote.\n\nEinstein studied the orbit.\n\nAdditional reporting by Alfred Einstein.',
      [
        ['einstein', 'Albert Einstein'],
        ['einstein', 'Einstein'],
      ],
    ],
    [
      'a byline opening the page is a credit too',
      'By Alfred Einstein\n\nAlbert Einstein wrote.\n\nEinstein studied the orbit.',
      [
        ['einstein', 'Albert Einstein'],
        ['einstein', 'Einstein'],
      ],
    ],
    [
      'a "by" inside a sentence is no credit: that namesake still rules out the surname alone',
      'Albert Einstein wrote.\n\nThe lab was run by Alfred Einstein.\n\nEinstein studied the orbit.',
      [['einstein', 'Albert Einstein']],
    ],
    ['page-wide cue', 'Voyager left.\n\nIt will never orbit anything.', [['voyager', 'Voyager']]],
    ['page-wide cue missing', 'Voyager left.\n\nIt was a good ship.', []],
    [
      'a conditional mention accepted on the page vouches for its topic',
      'NASA sent a probe to Mercury.\n\nVoyager was a ship.',
      [
        ['mercury', 'Mercury'],
        ['voyager', 'Voyager'],
      ],
    ],
  ])('%s', (_rule, page, expected) => {
    expect(found(page)).toEqual(expected);
  });
});

describe('endings of inflected languages (appended to each word as written, so a-stems are written as the stem)', () => {
  const ru = buildMatcher({
    ...pack,
    topics: [{ ...pack.topics[0]!, aliases: [alias('Меркурий'), alias('Венер', { endings: ['а', 'ы', 'е', 'у'] })] }],
  });
  const names = (text: string) => ru.scan(text).candidates.map((c) => text.slice(c.start, c.end));
  it.each([
    ['к Венере', ['Венере']],
    ['у Венеры', ['Венеры']],
    ['Венера', ['Венера']],
    ['Венерами', []],
  ])('%j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe('a surname with a case ending: the word after is its noun, not a surname', () => {
  // German capitalises every noun, and its genitive stands before one ("Einsteins Thesen").
  const de = buildMatcher({
    ...pack,
    topics: pack.topics.map((t) =>
      t.id === 'einstein'
        ? { ...t, aliases: t.aliases.map((a) => (a.text === 'Einstein' ? { ...a, endings: ['s'] } : a)) }
        : t,
    ),
  });
  const marks = (page: string) => mentionsInPage(de, paragraphs(page)).map((m) => m.text);
  it.each([
    ['Albert Einstein schrieb.\n\nEinsteins Thesen waren klar.', ['Albert Einstein', 'Einsteins']],
    ['Albert Einstein schrieb.\n\nEinstein Smith antwortete.', ['Albert Einstein']],
    // (A soft hyphen makes the span longer, not the name inflected.)
    ['Albert Einstein schrieb.\n\nEin\u00adstein Smith antwortete.', ['Albert Einstein']],
  ])('%j', (page, expected) => {
    expect(marks(page)).toEqual(expected);
  });
});

describe('endings that begin with a shorter one (Uzbek -da, -dan): the longest that fits', () => {
  // Written shortest first, as a data file may list them: "Venusdan" must not stop at "Venusda".
  const uz = buildMatcher({
    ...pack,
    topics: [{ ...pack.topics[0]!, aliases: [alias('Venus', { endings: ['da', 'ni', 'dan', 'ning'] })] }],
  });
  const names = (text: string) => uz.scan(text).candidates.map((c) => text.slice(c.start, c.end));
  it.each([
    ['Venusdan qaytdi', ['Venusdan']],
    ['Venusning', ['Venusning']],
    ['Venusda', ['Venusda']],
    ['Venusdana', []],
  ])('%j', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe('a namesake rules out its own topic only', () => {
  // Bohr's alias has word for word Einstein's rules: a matcher that shared the sorted rules
  // between topics would veto Bohr for Einstein's namesake.
  const einsteinRules = pack.topics[1]!.aliases[1]!;
  const twins = buildMatcher({
    ...pack,
    topics: [pack.topics[1]!, { ...card, id: 'bohr', aliases: [alias('Bohr', { ...einsteinRules, text: 'Bohr' })] }],
  });
  it('keeps the other topic when the page has a namesake of one', () => {
    const page = 'Albert Einstein wrote.\n\nHis cousin Alfred Einstein replied.\n\nBohr studied the orbit.';
    expect(mentionsInPage(twins, paragraphs(page)).map((m) => [m.topic, m.text])).toEqual([
      ['einstein', 'Albert Einstein'],
      ['bohr', 'Bohr'],
    ]);
  });
});

describe('a name right after that makes one mention a person (person-after)', () => {
  /** The marks on `page` of a pack whose one alias, "Hubble", has these rules. */
  const marksOf = (rules: Partial<Alias>, page: string) => {
    const hubble = buildMatcher({
      ...pack,
      topics: [{ ...card, id: 'hubble', aliases: [alias('Hubble', { case: 'as-written', ...rules })] }],
    });
    return mentionsInPage(hubble, paragraphs(page)).map((m) => m.text);
  };
  it.each<[string, string, string[]]>([
    ['a name after: a person', 'Hubble Smith spoke.', []],
    ['only that mention: the page’s others still count', 'Hubble Smith spoke.\n\nHubble took a photo.', ['Hubble']],
    ['a listed word after is no name', 'Hubble Then took a photo.', ['Hubble']],
    ['a word of its sure lists right before names the thing', 'The orbit Hubble Smith chose was low.', ['Hubble']],
    ['one further before does not', 'The orbit of Hubble Smith was low.', []],
    ['nor does a word of another list', 'The toxic Hubble Smith spoke.', []],
    ['a headline in title case capitalises its verbs', 'Hubble Finds Another Distant Galaxy Cluster', ['Hubble']],
  ])('%s', (_rule, page, expected) => {
    expect(marksOf({ unless: ['person-after:titles'], sure: ['cue:space@1'] }, page)).toEqual(expected);
  });

  it('makes no namesake for the page, though the alias has name rules too (only a title does)', () => {
    const page = 'Hubble Smith spoke.\n\nHubble took a photo.';
    expect(marksOf({ unless: ['person-after:titles', 'name-before:titles'] }, page)).toEqual(['Hubble']);
  });
});
