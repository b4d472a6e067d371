// The cheap first look at page text: "could a mention, or a cue word the whole page counts,
// stand here?"
//
// The matcher, with its ~500 entries, word boundaries and case rules, costs a page about 2 ms to
// build (its regex comes made at build time), and a page that mentions none of the topics
// should pay almost nothing (issue 6). The prefilter looks for one key word per alias
// and per page-wide cue word (its longest word: "Taliban" for "U.S.-Taliban deal"), anywhere,
// without boundaries. Every text the matcher finds a mention or a page-wide cue in holds one
// of those keys as written, or an invisible character (soft hyphen, tatweel …) that could hide
// one, so a text the prefilter rejects needs no matcher at all. Cue words that count only in
// the mention's own block ("Beirut" vetoing a Doha agreement in its paragraph) are not keys:
// that block passes on the mention's key anyway, and every key costs scan speed on every page
// (the regex runs over all of a page's text; these words made it 2× slower). A key word also
// survives a mention split across inline elements at a word gap (`Doha <a>agreement</a>`), so
// text nodes can be tested one at a time.
import type { PagePack } from '../pack/types';
import { gatedSource } from './alternation';
import { parseCondition } from './conditions';
import { aliasAtoms, withoutInvisible } from './normalize';

/** Where the words of an alias may be cut apart in page text: gaps, dashes, apostrophes,
 *  dots (U.S.), the zero-width non-joiner of Persian compounds and the middle dot of names
 *  written in Han. */
const WORD_GAPS = /[\s\u00a0\u202f\u200c\-\u2010-\u2014\u2212'\u2019\u02bc.\u00b7\u2022\u2027\u30fb\uff65]+/;

/** Words of the pack's phrases that ordinary text is full of: a key made of one of them would
 *  send every page to the matcher ("Doha Round" is keyed by "doha", not "round"). */
const COMMON_WORDS =
  'agreement agreements deal peace accord accords pact air base field airbase airfield round development ' +
  'agenda declaration chief staff army ministry defence defense major chef february islamic of de la von ' +
  'the to for abkommen vereinbarung paix acuerdo paz entre estados unidos los anlaşması barış соглашение соглашения соглашению ' +
  'соглашением соглашении соглашений соглашениям соглашениях договорённост договоренност ' +
  'accordo acordo akkoord समझौता समझौते शांति توافق موافقت پیمان معاہدہ معاہدے معاہدۂ اتفاق اتفاقية تړون هوکړه امن نامه نامۀ الدین قاری';
/** Made on first use: the content script, which gets its keys made at build time, carries
 *  none of this (a Set made at load would stay in its bundle, unused). */
let common: Set<string> | undefined;

/** The word of `text` that rarest marks it: one that is itself a whole alias or cue word of
 *  the pack (`single`) before an ordinary word, not a common one, longer before shorter; with
 *  `avoid`, a word of four letters or more that is not in it before any other. Null when every
 *  word is common. */
export function keyWord(
  text: string,
  single: ReadonlySet<string> = new Set(),
  avoid?: ReadonlySet<string>,
): string | null {
  let best: string | null = null;
  let bestScore = -1;
  for (const word of text.split(WORD_GAPS)) {
    const folded = word.toLowerCase();
    if (word === '' || (common ??= new Set(COMMON_WORDS.split(' '))).has(folded)) continue;
    const score =
      (avoid && !avoid.has(folded) && word.length >= 4 ? 10_000 : 0) + (single.has(folded) ? 1000 : 0) + word.length;
    if (score > bestScore) [best, bestScore] = [word, score];
  }
  return best;
}

/** Cue lists that a rule looks for anywhere on the page (`cue:afghanistan`, no `@block`): a
 *  block holding nothing but such a word still changes what counts elsewhere. */
export function pageWideCueLists(pack: PagePack): string[] {
  const lists = new Set<string>();
  for (const topic of pack.topics)
    for (const alias of topic.aliases)
      for (const rule of [...alias.requires, ...alias.unless]) {
        const c = parseCondition(rule);
        if (c?.kind === 'cue' && c.scope === 'page') lists.add(c.name);
      }
  return [...lists];
}

/** What a prefilter is made from: regex sources of key words (see keyWord). The content script
 *  gets them made at build time (src/cli/pack-module.ts): making them costs about a
 *  millisecond per page. */
export interface PrefilterSource {
  /** One key per alias and per page-wide cue word: what a page's text is read for. */
  any: string;
  /** One key per alias, not a page-wide cue word where the alias has another word to key it
   *  by ("Bringing" in "Agreement for Bringing Peace to Afghanistan"): a text that only names
   *  the country, as every paragraph of a page about it may, needs no matcher yet. */
  mentions: string;
}

export function prefilterSource(pack: PagePack): PrefilterSource {
  const aliases = pack.topics.flatMap((t) => t.aliases.map((a) => a.text.trim()));
  const cues = pageWideCueLists(pack).flatMap((cue) => (pack.cues[cue] ?? []).map((w) => w.text.trim()));
  const single = new Set([...aliases, ...cues].filter((t) => !WORD_GAPS.test(t)).map((t) => t.toLowerCase()));
  // A phrase of common words only ("chief of staff") is its own key: cue words tell the
  // page's subject, so one cut across inline elements at a gap is a small loss. An alias
  // always has a rarer word (the prefilter's tests say so).
  const source = (texts: readonly string[], avoid?: ReadonlySet<string>) => {
    const keys = new Set(texts.map((text) => (keyWord(text, single, avoid) ?? text).toLowerCase()));
    return gatedSource([...keys].map((k) => aliasAtoms(k, [])));
  };
  const cueWords = new Set(cues.flatMap((text) => text.toLowerCase().split(WORD_GAPS)));
  return { any: source([...aliases, ...cues]), mentions: source(aliases, cueWords) };
}

export class Prefilter {
  readonly #keys: RegExp;
  readonly #mentionKeys: RegExp;

  /** From the sources prefilterSource() made for a pack (or for a pack it is part of: a wider
   *  prefilter only says "maybe" more often). Only sources: the content script gets them made
   *  at build time, and the code that makes them stays out of its bundle. */
  constructor(source: PrefilterSource) {
    // Case-insensitive without the `u` flag, like the matcher: fast, and V8 still folds the
    // case of Cyrillic and Greek letters.
    this.#keys = new RegExp(source.any, 'i');
    this.#mentionKeys = new RegExp(source.mentions, 'i');
  }

  /** False when the matcher would find nothing in `text`. */
  mightMatch(text: string): boolean {
    return holdsKey(this.#keys, text);
  }

  /** False when the matcher would find no mention in `text` (a page-wide cue word, maybe). */
  mightMention(text: string): boolean {
    return holdsKey(this.#mentionKeys, text);
  }
}

function holdsKey(keys: RegExp, text: string): boolean {
  if (keys.test(text)) return true;
  // A soft hyphen or a vowel mark may sit inside a key word (Bag\u00adram): look again
  // without them, as the matcher reads. Text full of them (Arabic with its vowels, German
  // with hyphenation points) is not a candidate for that alone.
  const visible = withoutInvisible(text);
  return visible !== null && keys.test(visible.text);
}
