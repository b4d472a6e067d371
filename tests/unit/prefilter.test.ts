// The prefilter may say "maybe" too often, never "no" where the matcher finds something:
// a "no" skips the text for good.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePassages } from '../../src/cli/mention-eval';
import { Matcher } from '../../src/match/matcher';
import { keyWord, Prefilter } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';

const file = 'tests/fixtures/mentions/passages.jsonl';
const passages = parsePassages(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);
const matcher = new Matcher(bundledPack);
const prefilter = new Prefilter(bundledPack);

describe('prefilter', () => {
  it('keys a phrase by its rarest word, or by the whole phrase when every word is common', () => {
    expect(keyWord('U.S.-Taliban accord')).toBe('Taliban');
    expect(keyWord('Qari Fasihuddin Fitrat')).toBe('Fasihuddin');
    expect(keyWord('2020 agreement')).toBe('2020');
    expect(keyWord('Doha Development Round')).toBe('Doha');
    expect(keyWord('巴格拉姆')).toBe('巴格拉姆');
    expect(keyWord('قاری فصیح‌الدین')).toBe('الدین');
    // A word that is a whole entry of the pack wins over a longer one.
    expect(keyWord('соглашение между США и талибами', new Set(['талибами']))).toBe('талибами');
    expect(keyWord('chief of staff')).toBeNull();
  });

  it('finds a key word in every alias, so an alias cut across inline elements at a gap still passes', () => {
    for (const topic of bundledPack.topics)
      for (const alias of topic.aliases) expect(keyWord(alias.text), alias.text).not.toBeNull();
  });

  it('passes every passage of the corpus in which the matcher finds a mention or a cue word', () => {
    let checked = 0;
    for (const p of passages) {
      const scan = matcher.scan(p.text);
      if (scan.candidates.length === 0 && scan.cues.size === 0) continue;
      checked++;
      expect(prefilter.mightMatch(p.text), p.id).toBe(true);
      // Each mention alone too: a text node may hold nothing but the mention.
      for (const c of scan.candidates) expect(prefilter.mightMatch(p.text.slice(c.start, c.end)), p.id).toBe(true);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('passes every alias and cue word in any letter case, and with a soft hyphen inside', () => {
    const texts = [
      ...bundledPack.topics.flatMap((t) => t.aliases.map((a) => a.text)),
      ...Object.values(bundledPack.cues).flatMap((words) => words.map((w) => w.text)),
    ];
    for (const text of texts) {
      if (matcher.scan(text).candidates.length === 0 && matcher.scan(text).cues.size === 0) continue;
      for (const variant of [text, text.toUpperCase(), text.toLowerCase()]) {
        expect(prefilter.mightMatch(variant), variant).toBe(true);
      }
      const mid = Math.ceil(text.length / 2);
      expect(prefilter.mightMatch(`${text.slice(0, mid)}\u00ad${text.slice(mid)}`), text).toBe(true);
    }
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
