// The context rules of ambiguous aliases, as the topic pack writes them:
//
//   cue:<list>            a word of that cue list stands anywhere on the page
//   topic:<id>            that topic has an unconditional mention anywhere on the page
//   cue:<list>@block      … in the same block of text (paragraph, heading, list item, cell)
//   cue:<list>@<N>        … in the same block, at most N words before or after the mention
//   topic:<id>@block, topic:<id>@<N>   likewise
//   name-before:<list>    (in `unless`) the word right before the mention is a capitalised name
//                         that is not in that list of titles nor a cue word: another person
//                         with the same surname ("Nasir Fitrat"). Once seen, the page has a
//                         namesake, and the alias's other mentions on the page no longer count.
//   name-after:<list>     likewise for the word right after ("Fitrat Ahmadzai": a given name).
//                         Not in a headline in title case ("Army Chief Fitrat Rejects
//                         Trump's Demand"), where the verb after is capitalised too.
//   title-before:<list>   (in `unless`) the word right before the mention is a title of that
//                         list, spelled as the list writes it ("Uncle Bagram", "Dr. Bagram"),
//                         outside a title-case headline: this one mention names a person.
//                         The page's other mentions still count.
//   person-after:<list>   (in `unless`) the word right after the mention is a capitalised name,
//                         as for name-after ("Баграм Саакян"), outside a title-case headline,
//                         and no word of the alias's `sure` lists stands right before
//                         ("авиабазу Баграм Трамп назвал …": the base): this one mention names
//                         a person, like title-before. For a name that is a given name
//                         elsewhere but the place in the news: a language that puts the object
//                         first has a capitalised word after the place often enough that a
//                         namesake for the whole page would take every mark off it.
//
// A title-before that holds for an alias with name rules (a surname: "Ms Fitrat") also shows
// the page a namesake, as a given name before it would.
//
// Pure: the validator checks the syntax with it, the matcher decides block and word scopes
// while it scans one block, and PageContext decides page scopes as the page is read.

export type Scope = 'page' | 'block' | number;

export interface Condition {
  kind: 'cue' | 'topic' | 'name-before' | 'name-after' | 'title-before' | 'person-after';
  name: string;
  scope: Scope;
}

const SYNTAX =
  /^(cue|topic|name-before|name-after|title-before|person-after):([A-Za-z0-9_-]+)(?:@(block|[1-9]\d{0,2}))?$/;

/** The condition a rule string states, or null when it is not written in the syntax above. */
export function parseCondition(text: string): Condition | null {
  const m = SYNTAX.exec(text);
  if (!m) return null;
  const [, kind, name = '', scope] = m;
  if (kind === 'name-before' || kind === 'name-after' || kind === 'title-before' || kind === 'person-after')
    return scope === undefined ? { kind, name, scope: 'block' } : null;
  return {
    kind: kind === 'cue' ? 'cue' : 'topic',
    name,
    scope: scope === undefined ? 'page' : scope === 'block' ? 'block' : Number(scope),
  };
}

/** The page-wide form of a condition, as PageContext keeps what the page has shown. */
export function pageKey(c: Pick<Condition, 'kind' | 'name'>): string {
  return `${c.kind}:${c.name}`;
}

/** The pseudo cue list a page shows once it names a namesake of `topic`. */
export function namesakeCue(topic: string): string {
  return `namesake:${topic}`;
}

// Letters only: "Emirate." ends a sentence, and "Gen." is a title, neither a given name.
const CAPITALISED = /^\p{Lu}[\p{Ll}\p{M}]*$/u;
// (A word ends at U+0000 too: a line break the page shows, the edge of a table cell.)
// eslint-disable-next-line no-control-regex
const WORD_BEFORE = /([^\s\u00a0\u0000]+)[ \u00a0]$/;
// eslint-disable-next-line no-control-regex
const WORD_AFTER = /^[ \u00a0]([^\s\u00a0\u0000]+)/;
const OPENING = /^["'“‘«(]+/;
const CLOSING = /[,.;:!?)"'”’»]+$/;

/** Words of four letters or more, in scripts with letter case. */
const LONG_WORD =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}][\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}]{3,}/gu;

/** True when `text` is written in title case, as headlines often are: at least five words of
 *  four letters or more, nine in ten of them capitalised (title case leaves short words such
 *  as "to" and "of" in lower case; German prose capitalises its nouns, about a third of them).
 *  Fewer words could be a list of names or a photo credit ("Photo: Wahid Fitrat/Reuters"). */
export function titleCased(text: string): boolean {
  const long = text.match(LONG_WORD) ?? [];
  if (long.length < 5) return false;
  let capitalised = 0;
  for (const word of long) if (word[0] !== word[0]!.toLowerCase()) capitalised++;
  return capitalised >= 0.9 * long.length;
}

/** The capitalised word right before `start` (one space between), or null. */
export function nameBefore(text: string, start: number): string | null {
  const word = WORD_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1]?.replace(OPENING, '');
  return word !== undefined && CAPITALISED.test(word) ? word : null;
}

/** The word right before `start` as written, dots and all ("Dr."), if it is capitalised;
 *  else null. */
export function titleBefore(text: string, start: number): string | null {
  const word = TITLE_BEFORE.exec(text.slice(Math.max(0, start - 40), start))?.[1]?.replace(OPENING, '');
  return word !== undefined && /^\p{Lu}/u.test(word) ? word : null;
}
// (Any white space between: a title and its name are often split across source lines. A line
// break the page shows is U+0000 in block text, which is no white space, and ends a word.)
// eslint-disable-next-line no-control-regex
const TITLE_BEFORE = /([^\s\u00a0\u202f\u0000]+)[\s\u00a0\u202f]+$/;

/** The capitalised word right after `end` (one space between), or null. */
export function nameAfter(text: string, end: number): string | null {
  const word = WORD_AFTER.exec(text.slice(end, end + 40))?.[1]?.replace(CLOSING, '');
  return word !== undefined && CAPITALISED.test(word) ? word : null;
}

/** Prefix of a page-wide condition that vetoes a mention (see Candidate.requires). */
export const VETO = '!';

/** A place in a block where a cue word or a mention of a topic stands. */
export interface Sighting {
  key: string;
  start: number;
  end: number;
}

/** Where each cue word and topic stands in one block, by key, in the order they stand (the
 *  matcher's hits come in order, none inside another). */
export class Sightings {
  readonly #byKey = new Map<string, Sighting[]>();

  add(sighting: Sighting): void {
    const list = this.#byKey.get(sighting.key);
    if (list) list.push(sighting);
    else this.#byKey.set(sighting.key, [sighting]);
  }

  /** The sightings of `key` nearest to the span start..end on either side (not the span's
   *  own): only those can decide a condition, the words to any other being more. (Looking at
   *  every one for each mention made a long paragraph quadratic: 1 MB took 15 s.) */
  nearest(key: string, start: number, end: number): { before: Sighting | undefined; after: Sighting | undefined } {
    const list = this.#byKey.get(key);
    if (!list) return NONE_NEAR;
    let lo = 0;
    for (let hi = list.length; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.start < end) lo = mid + 1;
      else hi = mid;
    }
    const before = list[lo - 1];
    return { before: before?.start === start && before.end === end ? list[lo - 2] : before, after: list[lo] };
  }
}
const NONE_NEAR = { before: undefined, after: undefined };

/** True when `c` (block or word scope) holds for the span start..end of `text`, given what
 *  else the matcher saw in the same block; with `afterOnly`, only by what stands after it. */
export function holdsNear(
  c: Condition,
  text: string,
  start: number,
  end: number,
  seen: Sightings,
  afterOnly = false,
): boolean {
  const near = seen.nearest(pageKey(c), start, end);
  const before = afterOnly ? undefined : near.before;
  const { after } = near;
  if (c.scope === 'block') return before !== undefined || after !== undefined;
  if (typeof c.scope !== 'number') return false;
  if (before && wordsWithin(text, before.end, start, c.scope)) return true;
  // A word that settles the alias stands in its sentence ("… signed with Chadian rebels.
  // Taliban …" does not). (Read with the word's first letter: whether the next sentence starts there.)
  return (
    after !== undefined &&
    wordsWithin(text, end, after.start, c.scope) &&
    !(afterOnly && SENTENCE_END.test(text.slice(end, after.start + 1)))
  );
}

/** A sentence's end: a question or exclamation mark, an ellipsis, an Urdu, Hindi or Chinese
 *  full stop, or a full stop after a word of two characters or more that is no common
 *  abbreviation (not "U.S.", "Feb. 29", "Gen. Fitrat"), before a capitalised or uncased word or
 *  a number, perhaps past a quote or a footnote mark (`war.[2] Taliban`, `war." “Taliban`). */
// (U+0000 is where a page had a line break or a footnote's edge: src/page/text-blocks.ts.)
export const SENTENCE_END =
  // eslint-disable-next-line no-control-regex
  /[!?\u061f\u06d4\u0964\u2026\u3002\uff01\uff1f]|[^\s.]{2}(?<!\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mrs?|Ms|Dr|St|Lt|Col|Capt|Gen|Prof|No))\.["'\u201d\u2019)\]\u0000\d[]*\s+["'\u201c\u2018\u00ab(]*[\p{Lu}\p{Lo}\d]/u;

// A word is a run of letters and digits, or one Han/kana character (those scripts use no spaces).
const WORD =
  /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\s\u00a0\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff,.;:!?()"“”«»—–-]+/g;

const WORD_AT = new RegExp(WORD.source, 'g');
/** True when at most `max` words stand between `from` and `to` in `text`, read no further
 *  than the word past `max` (a long paragraph with a cue word every sentence had each of its
 *  mentions count the words to every one of them: 40 KB took 38 s). */
export function wordsWithin(text: string, from: number, to: number, max: number): boolean {
  WORD_AT.lastIndex = from;
  let words = 0;
  for (let m = WORD_AT.exec(text); m !== null && m.index < to; m = WORD_AT.exec(text)) if (++words > max) return false;
  return true;
}
