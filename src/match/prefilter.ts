// The cheap first look at page text: "could a mention or a cue word stand here?"
//
// The matcher's own regex, with its ~500 entries, word boundaries and case rules, costs 5–10 ms
// to build from the pack (alias folding, trie, escaping), and a page that mentions none of the
// topics should pay almost nothing (issue 6). The prefilter looks for one key word per alias
// and per scanned cue word (its longest word: "Taliban" for "U.S.-Taliban deal"), anywhere,
// without boundaries. Every text the matcher finds something in holds one of those keys as
// written, or an invisible character (soft hyphen, tatweel …) that could hide one, so a text
// the prefilter rejects needs no matcher at all. A key word also survives a mention split
// across inline elements at a word gap (`Doha <a>agreement</a>`), so text nodes can be tested
// one at a time.
import type { TopicPack } from '../pack/types';
import { factoredSource } from './alternation';
import { parseCondition, type Condition } from './conditions';
import { aliasAtoms, INVISIBLE } from './normalize';

/** Where the words of an alias may be cut apart in page text: gaps, dashes, apostrophes,
 *  dots (U.S.), the zero-width non-joiner of Persian compounds and the middle dot of names
 *  written in Han. */
const WORD_GAPS = /[\s\u00a0\u202f\u200c\-\u2010-\u2014\u2212'\u2019\u02bc.\u00b7\u2022\u2027\u30fb\uff65]+/;

/** The longest word of `text`: rarer than the short ones, so fewer false alarms. */
export function keyWord(text: string): string {
  let best = '';
  for (const word of text.split(WORD_GAPS)) if (word.length > best.length) best = word;
  return best || text;
}

/** Cue lists the matcher scans for. Lists that only name-before/name-after rules use are
 *  looked up next to a candidate instead: they hold common words ("Then", "Later") that
 *  would make every text a candidate. */
export function scannedCueLists(pack: TopicPack): string[] {
  const rules: Condition[] = pack.topics.flatMap((t) =>
    t.aliases.flatMap((a) =>
      [...a.requires, ...a.unless].map((r) => parseCondition(r)).filter((c): c is Condition => c !== null),
    ),
  );
  return Object.keys(pack.cues).filter(
    (cue) =>
      !rules.some((c) => (c.kind === 'name-before' || c.kind === 'name-after') && c.name === cue) ||
      rules.some((c) => c.kind === 'cue' && c.name === cue),
  );
}

export class Prefilter {
  private readonly regex: RegExp;
  /** The key words, lower-cased (for tests and the README). */
  readonly keys: readonly string[];

  constructor(pack: TopicPack) {
    const texts = [
      ...pack.topics.flatMap((t) => t.aliases.map((a) => a.text)),
      ...scannedCueLists(pack).flatMap((cue) => (pack.cues[cue] ?? []).map((w) => w.text)),
    ];
    this.keys = [...new Set(texts.map((text) => keyWord(text.trim()).toLowerCase()))];
    // Case-insensitive without the `u` flag, like the matcher: fast, and V8 still folds the
    // case of Cyrillic and Greek letters.
    this.regex = new RegExp(`${factoredSource(this.keys.map((k) => aliasAtoms(k, [])))}|${INVISIBLE.source}`, 'i');
  }

  /** False when the matcher would find nothing in `text`. */
  mightMatch(text: string): boolean {
    return this.regex.test(text);
  }
}
