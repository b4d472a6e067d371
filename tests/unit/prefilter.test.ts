// The prefilter may say "maybe" too often, never "no" where the matcher finds something:
// a "no" skips the text for good.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePassages } from '../../src/cli/mention-eval';
import { buildMatcher } from '../../src/match/build-matcher';
import { keyWord, pageWideCueLists, Prefilter, prefilterSource } from '../../src/match/prefilter';
import { PageContext } from '../../src/match/page-context';
import type { Candidate } from '../../src/match/matcher';
import { bundledPack } from '../../src/pack/bundled';

const file = 'tests/fixtures/mentions/passages.jsonl';
const passages = parsePassages(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const matcher = buildMatcher(bundledPack);
const prefilter = new Prefilter(prefilterSource(bundledPack));
const pageWide = new Set(pageWideCueLists(bundledPack));
/** A prefilter keyed by the aliases alone: what the page-wide cue words are there to beat. */
const aliasesOnly = new Prefilter(
  prefilterSource({
    ...bundledPack,
    topics: bundledPack.topics.map((t) => ({
      ...t,
      aliases: t.aliases.map((a) => ({ ...a, requires: [], unless: [] })),
    })),
  }),
);

/** The mentions a page of `blocks` shows when the extension reads it in order, matching only
 *  the blocks `read` lets through (see PageScanner: accepted on sight, or later when the page's
 *  context grows; never taken back). */
function marksOf(blocks: readonly string[], read: (text: string) => boolean, context = new PageContext()): string[] {
  const waiting: Array<{ c: Candidate; where: string }> = [];
  const marks: string[] = [];
  blocks.forEach((text, i) => {
    if (!read(text)) return;
    const scan = matcher.scan(text);
    const grew = context.absorb(scan);
    for (const c of scan.candidates) {
      const where = `${i}:${c.start}:${c.topic}`;
      if (context.accepts(c)) marks.push(where);
      else waiting.push({ c, where });
    }
    if (grew)
      for (const w of waiting.splice(0))
        if (context.accepts(w.c)) marks.push(w.where);
        else waiting.push(w);
  });
  return marks.sort();
}

/** A page the corpus lacks: its mark stands on a cue word in another block ("Kabul"). */
const madeUp = ['Officials in Kabul welcomed it.', 'The Doha Agreement was signed that week.'];

/** Each passage of the corpus, and the made-up page, with a block per sentence (so a cue word
 *  often stands in another block than the mention it vouches for), in either order. */
function sentencePages(): Array<{ id: string; page: string[] }> {
  return [...passages, { id: 'made-up', text: madeUp.join(' ') }].flatMap(({ id, text }) => {
    const sentences = text.split(/(?<=[.!?])\s+/);
    return [sentences, [...sentences].reverse()].map((page) => ({ id, page }));
  });
}

describe('prefilter', () => {
  it('keys a phrase by its rarest word, or by the whole phrase when every word is common', () => {
    expect(keyWord('U.S.-Taliban accord')).toBe('Taliban');
    expect(keyWord('Qari Fasihuddin Fitrat')).toBe('Fasihuddin');
    expect(keyWord('2020 agreement')).toBe('2020');
    expect(keyWord('Doha Development Round')).toBe('Doha');
    expect(keyWord('巴格拉姆')).toBe('巴格拉姆');
    // "al-din" (the faith) and "qari" (reciter) fill Persian and Arabic pages: not keys.
    expect(keyWord('قاری فصیح‌الدین')).toBe('فصیح');
    expect(keyWord('Acuerdo de Doha')).toBe('Doha');
    // A word that is a whole entry of the pack wins over a longer one.
    expect(keyWord('соглашение между США и талибами', new Set(['талибами']))).toBe('талибами');
    expect(keyWord('chief of staff')).toBeNull();
  });

  it('finds a key word in every alias, so an alias cut across inline elements at a gap still passes', () => {
    for (const topic of bundledPack.topics)
      for (const alias of topic.aliases) expect(keyWord(alias.text), alias.text).not.toBeNull();
  });

  it('passes every passage of the corpus in which the matcher finds a mention or a page-wide cue word', () => {
    let checked = 0;
    for (const p of passages) {
      const scan = matcher.scan(p.text);
      if (scan.candidates.length === 0 && ![...scan.cues].some((cue) => pageWide.has(cue))) continue;
      checked++;
      expect(prefilter.mightMatch(p.text), p.id).toBe(true);
      // Each mention alone too: a text node may hold nothing but the mention.
      for (const c of scan.candidates) expect(prefilter.mightMatch(p.text.slice(c.start, c.end)), p.id).toBe(true);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('passes every alias and page-wide cue word in any letter case, and with a soft hyphen inside', () => {
    const texts = [
      ...bundledPack.topics.flatMap((t) => t.aliases.map((a) => a.text)),
      ...[...pageWide].flatMap((cue) => bundledPack.cues[cue]!.map((w) => w.text)),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      if (matcher.scan(text).candidates.length === 0 && matcher.scan(text).cues.size === 0) continue;
      for (const variant of [text, text.toUpperCase(), text.toLowerCase()]) {
        expect(prefilter.mightMatch(variant), variant).toBe(true);
      }
      const mid = Math.ceil(text.length / 2);
      expect(prefilter.mightMatch(`${text.slice(0, mid)}\u00ad${text.slice(mid)}`), text).toBe(true);
    }
  });

  it('leaves out cue words that count only in the block of a mention', () => {
    // "Beirut" vetoes a Doha agreement only in its own paragraph, which passes on "Doha".
    expect(pageWide).toEqual(new Set(['afghanistan', 'taliban']));
    for (const text of ['Beirut', 'Hezbollah', 'Doha Round' /* keyed by Doha */, 'chief of staff', 'Sudan'])
      expect(prefilter.mightMatch(text), text).toBe(text.includes('Doha'));
    expect(prefilter.mightMatch('Kabul')).toBe(true);
  });

  it('gives a page read through the prefilter the same marks as one read whole', () => {
    let marks = 0;
    for (const { id, page } of sentencePages()) {
      const whole = marksOf(page, () => true);
      expect(
        marksOf(page, (text) => prefilter.mightMatch(text)),
        id,
      ).toEqual(whole);
      marks += whole.length;
    }
    expect(marks).toBeGreaterThan(200);
    // The made-up page's mark stands on a cue word in another block ("Kabul"): without the
    // page-wide cue words among the keys it would be lost.
    expect(marksOf(madeUp, (text) => prefilter.mightMatch(text))).toHaveLength(1);
    expect(marksOf(madeUp, (text) => aliasesOnly.mightMatch(text))).toHaveLength(0);
  });

  it('keys each alias by a word that is not a page-wide cue word where it has one, for the mention check', () => {
    const cueWords = new Set(['afghanistan', 'taliban']);
    expect(keyWord('Agreement for Bringing Peace to Afghanistan', new Set(), cueWords)).toBe('Bringing');
    // "US" is too short to key a page by: the cue word stays.
    expect(keyWord('US-Taliban deal', new Set(), cueWords)).toBe('Taliban');
    expect(keyWord('Doha Agreement', new Set(), cueWords)).toBe('Doha');
  });

  it('says a mention may stand in every passage and alias where the matcher finds one', () => {
    let checked = 0;
    for (const p of passages) {
      const scan = matcher.scan(p.text);
      for (const c of scan.candidates) {
        checked++;
        expect(prefilter.mightMention(p.text), p.id).toBe(true);
        expect(prefilter.mightMention(p.text.slice(c.start, c.end)), p.id).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(100);
    for (const topic of bundledPack.topics)
      // (Each alias, even one that counts only with words beside it: a namesake beside it is a
      // cue word too.)
      for (const { text } of topic.aliases) {
        const mid = Math.ceil(text.length / 2);
        for (const variant of [text, text.toUpperCase(), `${text.slice(0, mid)}\u00ad${text.slice(mid)}`])
          expect(prefilter.mightMention(variant), variant).toBe(true);
      }
  });

  it('tells text that only names the country or its capital from text that may hold a mention', () => {
    for (const text of [
      'Notes on Afghanistan, filed from Kabul.',
      'Афганистан',
      'در افغانستان',
      '阿富汗',
      'Afghans in Kabul',
    ]) {
      expect(prefilter.mightMatch(text), text).toBe(true);
      expect(prefilter.mightMention(text), text).toBe(false);
    }
    expect(prefilter.mightMention('The Agreement for Bringing Peace to Afghanistan')).toBe(true);
  });

  it('gives a page the same marks when text with cue words only waits for the first mention', () => {
    // What PageScanner does before it builds the matcher: text without a mention's key word is
    // not matched, and what of it holds a cue word is read once the first mention's text comes.
    const marksWaiting = (blocks: readonly string[]) => {
      const waiting: string[] = [];
      let built = false;
      const context = new PageContext();
      return marksOf(
        blocks,
        (text) => {
          if (!built && !prefilter.mightMention(text)) {
            if (prefilter.mightMatch(text)) waiting.push(text);
            return false;
          }
          built = true;
          for (const cueText of waiting.splice(0)) context.absorb(matcher.scan(cueText));
          return true;
        },
        context,
      );
    };
    let marks = 0;
    let waited = 0;
    for (const { id, page } of sentencePages()) {
      const whole = marksOf(page, () => true);
      expect(marksWaiting(page), id).toEqual(whole);
      marks += whole.length;
      if (!prefilter.mightMention(page[0]!) && prefilter.mightMatch(page[0]!)) waited++;
    }
    expect(marks).toBeGreaterThan(200);
    expect(waited).toBeGreaterThan(20);
    // The made-up page's mark stands on the cue word that waited.
    expect(marksWaiting(madeUp)).toHaveLength(1);
  });

  it('passes the words of a multi-word alias split across inline elements at a gap', () => {
    // `Doha <a>agreement</a>`: the text node holding the key word must pass on its own.
    expect(prefilter.mightMatch('Doha ')).toBe(true);
    expect(prefilter.mightMatch(' 2020 ')).toBe(true);
    expect(prefilter.mightMatch('US-')).toBe(false);
    expect(prefilter.mightMatch('Taliban deal')).toBe(true);
  });

  it('tells a page with a soft-hyphenated name from one without any', () => {
    const SHY = '\u00ad';
    expect(prefilter.mightMatch(`Flights from Bag${SHY}ram`)).toBe(true);
    expect(prefilter.mightMatch(`Flights from Ka${SHY}ra${SHY}chi`)).toBe(false);
  });

  it('rejects ordinary prose, so pages about other things cost no matcher', () => {
    const prose =
      'The council met on Tuesday to discuss the budget for the new school year, and the mayor said the plan ' +
      'would be published after the holidays. Residents asked about parking, the library and the bus routes. ' +
      // Words of the pack's phrases that news is full of.
      'The ministry said a major development in the round of peace talks, an agreement or a deal, was due ' +
      'in February; the chief of the army staff and the defence minister declined to comment.';
    expect(prefilter.mightMatch(prose)).toBe(false);
    expect(prefilter.mightMatch('')).toBe(false);
  });
});
