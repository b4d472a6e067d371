import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/match/matcher';
import { acceptedIn } from '../../src/match/page-context';
import { bundledPack } from '../../src/pack/bundled';

const matcher = new Matcher(bundledPack);
const mentions = (text: string) =>
  acceptedIn(matcher.scan(text)).map((c) => ({ topic: c.topic, text: text.slice(c.start, c.end) }));

describe('mentions in plain text', () => {
  it.each([
    ['US forces left Bagram Air Base in 2021.', [['bagram', 'Bagram Air Base']]],
    ['the bagram airbase was busy', [['bagram', 'bagram airbase']]],
    ['BAGRAM AIRFIELD', [['bagram', 'BAGRAM AIRFIELD']]],
    ["Bagram's runway", [['bagram', 'Bagram']]],
    ['Bagram\nAir\u00a0Base', [['bagram', 'Bagram\nAir\u00a0Base']]],
    ['Bagram Air Basement', [['bagram', 'Bagram']]],
    ['Bagramabad and xBagram', []],
    ['Qari Fasihuddin Fitrat spoke.', [['fitrat', 'Qari Fasihuddin Fitrat']]],
    ['fasihuddin fitrat spoke', [['fitrat', 'fasihuddin fitrat']]],
    ['The Doha Agreement was signed.', [['doha-2020', 'Doha Agreement']]],
    [
      'the US–Taliban deal and the U.S.-Taliban agreement',
      [
        ['doha-2020', 'US–Taliban deal'],
        ['doha-2020', 'U.S.-Taliban agreement'],
      ],
    ],
    ['the Agreement for Bringing Peace to Afghanistan', [['doha-2020', 'Agreement for Bringing Peace to Afghanistan']]],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected.map(([topic, t]) => ({ topic, text: t })));
  });
});

describe('aliases that need the page to be about Afghanistan', () => {
  it.each([
    ['Fitrat said the base stays.', []],
    ['Fitrat said the Taliban will not return the base.', [['fitrat', 'Fitrat']]],
    ['In Kabul, fitrat is a word for nature.', []],
    [
      'Fasihuddin Fitrat spoke. Later Fitrat added more.',
      [
        ['fitrat', 'Fasihuddin Fitrat'],
        ['fitrat', 'Fitrat'],
      ],
    ],
    ['the 2020 agreement on trade tariffs', []],
    ['the February 2020 agreement with the Taliban', [['doha-2020', 'February 2020 agreement']]],
    ['the doha agreement on Lebanon', []],
  ])('%j', (text, expected) => {
    expect(mentions(text)).toEqual(expected.map(([topic, t]) => ({ topic, text: t })));
  });
});

describe('the matcher', () => {
  it('is built from any pack: a new topic needs data only', () => {
    const pack = {
      version: 1 as const,
      cues: {},
      topics: [
        {
          id: 'x',
          title: 'X',
          description: 'd',
          gist: 'g',
          facts: [],
          timeline: [],
          aliases: [{ text: 'C++ (lang)', case: 'any' as const, requires: [] }],
        },
      ],
    };
    const m = new Matcher(pack);
    expect(acceptedIn(m.scan('I like C++ (lang) a lot')).map((c) => c.alias)).toEqual(['C++ (lang)']);
    expect(m.mightMatch('nothing here')).toBe(false);
  });

  it('reports the cue lists a text contains', () => {
    expect([...matcher.scan('Talks in Kabul went on.').cues]).toEqual(['afghanistan']);
  });
});
