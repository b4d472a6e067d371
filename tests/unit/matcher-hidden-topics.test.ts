// The content script builds its matcher with the regex made at build time for the whole pack,
// even when the reader has hidden topics: the hidden topics' aliases then match, and must be
// passed over as if the regex had never held them (a visible alias that starts inside one, or
// shares its start, is still found). The cue lists scanned may differ (a list the shown topics'
// rules never name is scanned by the one and not the other); for the bundled pack no mark
// depends on that, which is what is compared: the candidates, and the marks as a page gets them.
// (A review found packs where the two differ, in the whole pack's favour: see Matcher.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePassages } from '../../src/cli/mention-eval';
import { buildMatcher } from '../../src/match/build-matcher';
import { Matcher } from '../../src/match/matcher';
import { mentionsInPage, paragraphs } from '../../src/match/page-scan';
import { bundledPack } from '../../src/pack/bundled';
import type { TopicPack } from '../../src/pack/types';

const file = 'tests/fixtures/mentions/passages.jsonl';
const passages = parsePassages(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const wholeSource = buildMatcher(bundledPack).source;
const ids = bundledPack.topics.map((t) => t.id);

/** Every alias of the pack in a sentence of its own, then all of them run together. */
const aliasTexts = bundledPack.topics.flatMap((t) => t.aliases.map((a) => `Reports from ${a.text} said so.`));
const texts = [...passages.map((p) => p.text), ...aliasTexts, aliasTexts.join(' ')];
/** All of it as one page, a paragraph each: page-wide cues and vetoes come into play. */
const page = texts.join('\n\n');

function withTopics(visible: readonly string[]): TopicPack {
  return { ...bundledPack, topics: bundledPack.topics.filter((t) => visible.includes(t.id)) };
}

describe('a matcher for some topics, on the whole pack’s regex', () => {
  // Each topic hidden alone, and each shown alone.
  const subsets = [...ids.map((id) => ids.filter((other) => other !== id)), ...ids.map((id) => [id])];
  for (const visible of subsets) {
    it(`finds what its own regex finds, showing ${visible.join(', ')}`, () => {
      const pack = withTopics(visible);
      const own = buildMatcher(pack);
      const shared = new Matcher(pack, wholeSource);
      expect(shared.source).not.toBe(own.source);
      let found = 0;
      for (const text of texts) {
        const expected = own.scan(text).candidates;
        expect(shared.scan(text).candidates, text).toEqual(expected);
        expect(mentionsInPage(shared, paragraphs(text)), text).toEqual(mentionsInPage(own, paragraphs(text)));
        found += expected.length;
      }
      const marks = mentionsInPage(own, paragraphs(page));
      expect(mentionsInPage(shared, paragraphs(page))).toEqual(marks);
      // (Not a comparison of two empty results.)
      expect(found).toBeGreaterThan(50);
      expect(marks.length).toBeGreaterThan(50);
    });
  }
});
