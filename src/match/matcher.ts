import type { CaseRule, PagePack, TopicId } from '../pack/types';
import { inAddress } from './address';
import {
  VETO,
  holdsNear,
  nameAfter,
  nameBefore,
  titleBefore,
  namesakeCue,
  titleCased,
  pageKey,
  parseCondition,
  type Condition,
  Sightings,
} from './conditions';
import {
  aliasAtoms,
  aliasKey,
  aliasSource,
  ARABIC_MARK,
  INVISIBLE,
  isArabicScript,
  isUnspacedScript,
  isWordChar,
  withoutInvisible,
} from './normalize';

/** A place in a text where an alias of a topic stands. */
export interface Candidate {
  topic: TopicId;
  start: number;
  end: number;
  /** The alias as written in the pack. */
  alias: string;
  /** What the rest of the page must show for the candidate to count, as PageContext keys:
   *  plain entries (`cue:afghanistan`, `topic:fitrat`): any one of them; entries starting with
   *  `!`: none of them. Empty: it always counts. Block and word-scope rules are already
   *  decided by the matcher. */
  requires: readonly string[];
}

/** What one text tells about its page: candidates and the cue lists it contains. */
export interface TextScan {
  candidates: Candidate[];
  cues: Set<string>;
}

/** Words read with a block's text, on either side of it: a table cell's row (see rowAround
 *  in src/page/table-row.ts). */
export interface TextAround {
  before: string;
  after: string;
}

/** A scan of one text that stops between windows of it when told to (see Matcher.begin). */
export interface PendingScan {
  /** Scans on, a window at least, until the text is done (its scan) or `over()` says to
   *  stop (null). */
  resume(over: () => boolean): TextScan | null;
}

interface EntryBase {
  text: string;
  case: CaseRule;
  forms: AliasForms;
  /** Han/kana ends have no word boundary to check. */
  openStart: boolean;
  openEnd: boolean;
  /** Arabic allows a one-letter proclitic before a name (وباغرام "and Bagram"). */
  arabicStart: boolean;
  endings: readonly string[];
}
/** An alias's rules, sorted once by where they are decided. */
interface Rules {
  /** No rule but titles: the alias always counts (and vouches for its topic within the block)
   *  unless a title makes it a person. */
  plain: boolean;
  /** Block and word-scope conditions that make it count whatever the other rules say. */
  sure: Condition[];
  localRequires: Condition[];
  /** PageContext keys of the page-wide requirements. */
  pageRequires: string[];
  localUnless: Condition[];
  nameRules: Condition[];
  /** title-before and person-after rules: decided before any other (see Matcher.person). */
  titleRules: Condition[];
  personRules: Condition[];
  /** PageContext keys of the page-wide vetoes, prefixed with VETO. */
  vetoes: string[];
  /** pageRequires and vetoes: what is left for PageContext when no local rule holds. */
  pageConditions: string[];
}
type Entry =
  | (EntryBase & Rules & { kind: 'alias'; topic: TopicId; sighting: string })
  | (EntryBase & { kind: 'cue'; cue: string; sighting: string });

/** What stands between two words next to each other. */
const ONE_GAP = /^[ \u00a0]$/;

interface Hit {
  entry: Entry;
  start: number;
  end: number;
}

/** Where a scan stands (see Matcher.begin): the text, the text read (`text` without invisible
 *  characters, `visible`, once one was met), the entries found, and where the next window
 *  starts. */
interface ScanState {
  text: string;
  /** Where the block's own text is in `text`, when words around it were read with it. */
  own?: [number, number];
  read: string;
  visible: ReturnType<typeof withoutInvisible>;
  hits: Hit[];
  from: number;
}

const scanStart = (text: string): ScanState => ({ text, read: text, visible: null, hits: [], from: 0 });

/** A clock for work that must not stop midway. */
export const NEVER_OVER = (): boolean => false;

/** One-letter Arabic proclitics written joined to the next word: wa-, bi-, li-, fa-. */
const PROCLITICS = '\u0648\u0628\u0644\u0641';

/** Characters the regex looks for mentions starting in between two looks at the clock (about
 *  1.5 ms in Chromium). It looks in the window and REACH past it, so that a mention begun near
 *  the window's end is seen whole; each found is read again in the whole text, and the next
 *  window starts REACH before this one's end. Only a mention whose gaps between words add up
 *  to thousands of spaces, begun before that, can come out shorter than one pass would find. */
const WINDOW = 1 << 18;
const REACH = 1000;

/**
 * Finds every alias and cue word of a topic pack in a text with one compiled alternation
 * regex (≈500 MB/s in V8, DESIGN.md), longest alias first, whole words only in any script,
 * then applies the aliases' block and word-scope rules. One call = one block of text.
 */
export class Matcher {
  readonly #byKey = new Map<string, Entry>();
  /** Entries by the folded first letter, longest first: the slow path's candidates. */
  readonly #byFirst = new Map<string, Entry[]>();
  private readonly scanner: RegExp;
  /** The compiled regex's source (for the throughput floor in src/cli/matcher-speed.ts). */
  readonly source: string;
  readonly #keyCache = new Map<string, Entry | null>();
  /** Cue list → folded words, for name-before rules; folded when a rule first asks. */
  readonly #titles = new Map<string, Set<string>>();
  readonly #cueWords: PagePack['cues'];

  /** `source`: the regex's source, or what makes it from the entries' atoms (gatedSource:
   *  see buildMatcher). The content script gets it made at build time for the whole pack
   *  (src/cli/pack-module.ts), and leaves the trie out of its bundle. With topics left out of
   *  `pack`, that source still fits: their aliases match, and are passed over as a word that
   *  is not an entry is (resolve finds no entry for it). The shown topics' marks are then the
   *  whole pack's regex's; for the bundled pack, the same as a regex of the shown topics alone
   *  gives (tests/unit/matcher-hidden-topics.test.ts). A pack could make the two differ: a cue
   *  list only a hidden topic's rule names is scanned by the one, and not the other. */
  constructor(pack: PagePack, source: string | ((alternatives: string[][]) => string)) {
    const entries: Entry[] = [];
    const keys = new Map<Entry, string>();
    const add = (entry: Entry) => {
      const key = aliasKey(entry.text);
      if (this.#byKey.has(key)) return;
      this.#byKey.set(key, entry);
      keys.set(entry, key);
      entries.push(entry);
    };
    // Most aliases share a handful of rule lists ("cue:afghanistan"): each list is parsed and
    // sorted once, which matters because a page pays for this before its first mark.
    const parsed = new Map<string, Condition | null>();
    const rules: Condition[] = [];
    const conditions = (texts: readonly string[]) => {
      const out: Condition[] = [];
      for (const text of texts) {
        let c = parsed.get(text);
        if (c === undefined) {
          parsed.set(text, (c = parseCondition(text)));
          if (c) rules.push(c);
        }
        if (c) out.push(c);
      }
      return out;
    };
    const sorted = new Map<string, Rules>();
    for (const topic of pack.topics) {
      const sighting = pageKey({ kind: 'topic', name: topic.id });
      for (const alias of topic.aliases) {
        const signature = `${alias.requires.join(' ')}|${alias.unless.join(' ')}|${alias.sure.join(' ')}`;
        let aliasRules = sorted.get(signature);
        if (!aliasRules) {
          aliasRules = sortRules(
            topic.id,
            conditions(alias.requires),
            conditions(alias.unless),
            conditions(alias.sure),
          );
          sorted.set(signature, aliasRules);
        }
        add({
          kind: 'alias',
          topic: topic.id,
          sighting,
          ...aliasRules,
          ...base(alias.text, alias.case, alias.endings),
        });
      }
      sorted.clear(); // the namesake veto names the topic
    }
    this.#cueWords = pack.cues;
    const scanned = scannedCueLists(Object.keys(pack.cues), rules);
    for (const [cue, words] of Object.entries(pack.cues)) {
      if (!scanned.has(cue)) continue;
      const sighting = pageKey({ kind: 'cue', name: cue });
      for (const word of words) add({ kind: 'cue', cue, sighting, ...base(word.text, word.case, word.endings) });
    }
    // Longest first, so the alternation prefers "Bagram Air Base" over "Bagram".
    entries.sort((a, b) => b.text.length - a.text.length);
    for (const entry of entries) {
      const first = keys.get(entry)!.charAt(0);
      const list = this.#byFirst.get(first) ?? [];
      list.push(entry);
      this.#byFirst.set(first, list);
    }
    // Lower-cased for the trie, so "Bagram" and "bagram" share a branch (the regex ignores case).
    this.source =
      typeof source === 'string'
        ? source
        : source(
            entries.map((e) =>
              aliasAtoms(
                e.text.toLowerCase(),
                e.endings.map((x) => x.toLowerCase()),
              ),
            ),
          );
    this.scanner = new RegExp(`${this.source}|${INVISIBLE.source}`, 'gi');
  }

  /** Candidates and cue lists in one block of text. Offsets index `text` as given, even when
   *  it holds soft hyphens or other invisible characters inside names. */
  scan(text: string, around?: TextAround): TextScan {
    if (!around) return this.#scanOn(scanStart(text), NEVER_OVER)!;
    return this.begin(text, around).resume(NEVER_OVER)!;
  }

  /** scan(), window by window: a text file of 20 MB in one text node is one block, which
   *  took 120 ms to scan in one piece. With `around`, the text is read between those words
   *  (its rules see them), and only its own candidates are given, at offsets into it. */
  begin(text: string, around?: TextAround): PendingScan {
    if (!around) {
      const state = scanStart(text);
      return { resume: (over) => this.#scanOn(state, over) };
    }
    const from = around.before.length;
    const to = from + text.length;
    const state: ScanState = { ...scanStart(around.before + text + around.after), own: [from, to] };
    return {
      resume: (over) => {
        const scan = this.#scanOn(state, over);
        return (
          scan && {
            cues: scan.cues,
            candidates: scan.candidates
              .filter((c) => c.start >= from && c.end <= to)
              .map((c) => ({ ...c, start: c.start - from, end: c.end - from })),
          }
        );
      },
    };
  }

  #scanOn(state: ScanState, over: () => boolean): TextScan | null {
    do {
      const next = this.#find(state.read, state.hits, state.from);
      // find() gave up on meeting an invisible character: read the text without them.
      if (next === null) {
        state.visible = withoutInvisible(state.text);
        state.read = state.visible?.text ?? '';
        state.hits.length = state.from = 0;
      } else state.from = next;
    } while (state.from < state.read.length && !over());
    return state.from < state.read.length ? null : this.#decide(state.text, state.hits, state.visible, state.own);
  }

  /** The scan of `text` from the entries found in it (in the text without invisible
   *  characters, `visible`, if it had any). */
  #decide(text: string, hits: Hit[], visible: ReturnType<typeof withoutInvisible>, own?: [number, number]): TextScan {
    if (hits.length === 0) return { candidates: [], cues: new Set() };
    if (visible) {
      const { origin } = visible;
      for (const hit of hits) {
        hit.start = origin[hit.start] ?? hit.start;
        hit.end = (origin[hit.end - 1] ?? hit.end - 1) + 1;
        while (ARABIC_MARK.test(text[hit.end] ?? '')) hit.end++;
      }
    }
    return this.#applyRules(text, hits, own);
  }

  /** Decides each alias's block and word-scope rules within this block and leaves its page
   *  rules for PageContext. */
  #applyRules(text: string, hits: readonly Hit[], own?: [number, number]): TextScan {
    const cues = new Set<string>();
    const seen = new Sightings();
    // A title before it makes a mention a person ("Uncle Bagram"): it is no mention at all.
    // For a surname with name rules, that person is a namesake on the page too ("Ms Fitrat").
    // (Hits come in the order they stand. Whether the block is a headline is read once: a
    // look at each mention made a 350 KB paragraph of them quadratic.)
    let headline: boolean | undefined;
    // (The block's own text: a table's row of capitalised cells is no headline.)
    const isHeadline = () => (headline ??= titleCased(own ? text.slice(...own) : text));
    const persons = new Map<Hit, 'titled' | 'named'>();
    hits.forEach((hit, i) => {
      const { entry, start, end } = hit;
      const person = entry.kind === 'alias' && this.#person(entry, text, start, end, isHeadline, hits[i - 1]);
      if (person) persons.set(hit, person);
    });
    for (const hit of hits) {
      const { entry, start, end } = hit;
      if (entry.kind === 'cue') cues.add(entry.cue);
      else if (persons.get(hit) === 'titled' && entry.nameRules.length > 0) cues.add(namesakeCue(entry.topic));
      if (entry.kind === 'cue' || (entry.plain && !persons.has(hit))) seen.add({ key: entry.sighting, start, end });
    }
    const candidates: Candidate[] = [];
    for (const hit of hits) {
      const { entry, start, end } = hit;
      if (entry.kind === 'cue' || persons.has(hit)) continue;
      // A word after it that settles what it names ("… with the Taliban"): not one before,
      // which may be a party to another deal ("The Taliban condemned the 2020 agreement between Israel …").
      if (entry.plain || holdsAny(entry.sure, text, start, end, seen, true)) {
        candidates.push({ topic: entry.topic, start, end, alias: entry.text, requires: [] });
        continue;
      }
      let namesake = false;
      for (const c of entry.nameRules) {
        // A headline in title case capitalises its verbs too ("Fitrat Rejects"): the word
        // after tells nothing there. The word before still does ("Journalist Wahid Fitrat").
        // Nor after a German genitive, which its noun follows, capitalised as every German
        // noun is ("Fitrats Äußerungen"; not a soft hyphen's longer span, nor Russian, which
        // inflects a given name too).
        if (c.kind === 'name-after' && ((end - start > entry.text.length && text[end - 1] === 's') || isHeadline()))
          continue;
        namesake ||= this.#isOtherName(
          c.kind === 'name-before' ? nameBefore(text, start) : nameAfter(text, end),
          c.name,
        );
      }
      // A namesake in a credit line rules out only itself: "Additional reporting by Sahar
      // Fitrat" under a story says nothing of whom the story's "Fitrat" is.
      if (namesake && !CREDITED.test(text.slice(own?.[0] ?? 0, start))) cues.add(namesakeCue(entry.topic));
      if (namesake || holdsAny(entry.localUnless, text, start, end, seen)) continue;
      let requires = entry.vetoes;
      if (!holdsAny(entry.localRequires, text, start, end, seen)) {
        if (entry.pageRequires.length === 0 && entry.localRequires.length > 0) continue; // local rules only, none holds
        requires = entry.pageConditions;
      }
      candidates.push({ topic: entry.topic, start, end, alias: entry.text, requires });
    }
    return { candidates, cues };
  }

  /** `word` is a name: not a title from the list `titles` nor any word of the pack. */
  #isOtherName(word: string | null, titles: string): boolean {
    if (word === null) return false;
    const key = aliasKey(word);
    return !this.#byKey.has(key) && !this.#listKeys(titles).has(key);
  }

  /** This one mention names a person: a title of the entry's title-before lists stands right
   *  before `start`, spelled as the list writes it ("Miss", not "MISS" or "miss": the verb),
   *  or a person-after rule finds a name right after `end` and no word of the entry's `sure`
   *  lists stands right before ("авиабазу Баграм Трамп назвал …": the base); not in a
   *  headline in title case, which capitalises its verbs ("Troops Could Miss Bagram
   *  Deadline"). How, or false; `before`: the hit before this one in the block. */
  #person(
    entry: Entry & Rules,
    text: string,
    start: number,
    end: number,
    isHeadline: () => boolean,
    before?: Hit,
  ): 'titled' | 'named' | false {
    if (entry.titleRules.length === 0 && entry.personRules.length === 0) return false;
    const title = entry.titleRules.length > 0 ? titleBefore(text, start) : null;
    const titled =
      title !== null && entry.titleRules.some((c) => (this.#cueWords[c.name] ?? []).some((w) => w.text === title));
    const cue = before?.entry.kind === 'cue' && before.end === start - 1 ? before.entry.cue : null;
    const settledBefore =
      ONE_GAP.test(text.charAt(start - 1)) && entry.sure.some((c) => c.kind === 'cue' && c.name === cue);
    const named =
      !titled && !settledBefore && entry.personRules.some((c) => this.#isOtherName(nameAfter(text, end), c.name));
    return (titled || named) && !isHeadline() && (titled ? 'titled' : 'named');
  }

  /** The words of a cue list that name rules look up beside a mention. */
  #listKeys(list: string): Set<string> {
    let keys = this.#titles.get(list);
    if (!keys) {
      const words = Object.hasOwn(this.#cueWords, list) ? this.#cueWords[list]! : [];
      this.#titles.set(list, (keys = new Set(words.map((w) => aliasKey(w.text)))));
    }
    return keys;
  }

  /** Adds to `hits` every entry of `text` that starts in the window from `from`; where the
   *  next window starts, or null when the text holds an invisible character (the regex looks
   *  for those too, so a block needs no separate pass to rule them out). */
  #find(text: string, hits: Hit[], from: number): number | null {
    const re = this.scanner;
    const to = from + WINDOW;
    // (The text up to the window's reach, with the same offsets; V8 slices without copying.)
    const piece = to + REACH < text.length ? text.slice(0, to + REACH) : text;
    re.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = re.exec(piece)) !== null && m.index < to) {
      // Read again where it starts in the whole text, which it may run on into (a gap of a
      // thousand spaces between two words of an alias: found by a review).
      if (piece !== text) {
        re.lastIndex = m.index;
        m = re.exec(text)!;
      }
      if (m[0].length === 1 && INVISIBLE.test(m[0])) return null;
      const hit = this.#resolve(text, m.index, m[0]);
      if (!hit) {
        re.lastIndex = m.index + 1;
        continue;
      }
      hits.push(hit);
      re.lastIndex = hit.end;
    }
    // The next window looks again where this one's reach began: a mention begun there whose
    // words a long gap parts (over REACH characters) may have matched nothing in this piece.
    return Math.max(to - REACH, hits[hits.length - 1]?.end ?? 0);
  }

  /** The entry a match at `start` stands for. Fast path: the entry the matched text is all of
   *  (cached per spelling). Slow path, when that fails a boundary or case check ("Bagram Air
   *  Basement"): try each entry with that first letter at this place, longest first. */
  #resolve(text: string, start: number, matched: string): Hit | null {
    let direct = this.#keyCache.get(matched);
    if (direct === undefined) {
      // The same few spellings recur on a page ("Taliban", "Kabul", "Баграма"): look each up once.
      if (this.#keyCache.size > 2000) this.#keyCache.clear();
      direct =
        this.#byKey.get(aliasKey(matched)) ??
        this.#byFirst.get(aliasKey(matched.charAt(0)))?.find((e) => e.forms.whole().test(matched)) ??
        null;
      this.#keyCache.set(matched, direct);
    }
    const end = start + matched.length;
    if (direct && accepts(direct, text, start, end)) return { entry: direct, start, end };
    for (const entry of this.#byFirst.get(aliasKey(matched.charAt(0))) ?? []) {
      const sticky = entry.forms.sticky();
      sticky.lastIndex = start;
      const m = sticky.exec(text);
      if (m && accepts(entry, text, start, start + m[0].length)) return { entry, start, end: start + m[0].length };
    }
    return null;
  }
}

/** A credit line's opening, up to a credited name's given name: at most two words and "by"
 *  ("By Sahar …", "Additional reporting by Sahar …", "Comment by Nasir …"); not "The man was
 *  killed by Nasir …". */
const CREDITED = /^\W*(?:\S+\s+){0,2}by\s+(?:\S+\s+)?$/i;

function holdsAny(
  conditions: readonly Condition[],
  text: string,
  start: number,
  end: number,
  seen: Sightings,
  afterOnly = false,
): boolean {
  for (const c of conditions) if (holdsNear(c, text, start, end, seen, afterOnly)) return true;
  return false;
}

function sortRules(
  topic: TopicId,
  requires: readonly Condition[],
  unless: readonly Condition[],
  sure: readonly Condition[],
): Rules {
  const local = (c: Condition) => c.scope !== 'page';
  const named = (c: Condition) => c.kind === 'name-before' || c.kind === 'name-after';
  // (A title, or a person-after name, makes its own mention a person; only a title before a
  // surname with name rules is a namesake for the page too: see applyRules.)
  const person = (c: Condition) => c.kind === 'title-before' || c.kind === 'person-after';
  const lookedUp = (c: Condition) => named(c) || person(c);
  const vetoes = unless.filter((c) => !local(c)).map((c) => VETO + pageKey(c));
  if (unless.some(named)) vetoes.push(`${VETO}cue:${namesakeCue(topic)}`);
  const pageRequires = requires.filter((c) => !local(c)).map(pageKey);
  return {
    plain: requires.length === 0 && unless.every(person),
    sure: [...sure],
    localRequires: requires.filter(local),
    pageRequires,
    pageConditions: [...pageRequires, ...vetoes],
    localUnless: unless.filter((c) => local(c) && !lookedUp(c)),
    nameRules: unless.filter(named),
    titleRules: unless.filter((c) => c.kind === 'title-before'),
    personRules: unless.filter((c) => c.kind === 'person-after'),
    vetoes,
  };
}

function base(text: string, caseRule: CaseRule, endings: readonly string[]): EntryBase {
  // Only the first and last characters tell the script. Each script tested lies in the BMP,
  // so half a surrogate pair answers as the whole would; and folding the spelling would
  // change only gaps, dashes and apostrophes, which no script test counts.
  const trimmed = text.trim();
  const first = trimmed.charAt(0);
  const last = trimmed.charAt(trimmed.length - 1);
  return {
    text,
    case: caseRule,
    endings,
    forms: new AliasForms(text, endings),
    openStart: isUnspacedScript(first),
    openEnd: isUnspacedScript(last),
    arabicStart: isArabicScript(first),
  };
}

/** An entry's own regexes, made when first needed: a page uses a few of the ~250 entries, and
 *  making them all took about a third of the matcher's construction, which a page pays
 *  before its first mark. */
class AliasForms {
  #source: string | undefined;
  #wholeRegex: RegExp | undefined;
  #stickyRegex: RegExp | undefined;
  #exactRegex: RegExp | undefined;

  readonly #text: string;
  readonly #endings: readonly string[];

  constructor(text: string, endings: readonly string[]) {
    this.#text = text;
    this.#endings = endings;
  }

  /** Anchored, case-insensitive: is a matched text all this entry? */
  whole(): RegExp {
    return (this.#wholeRegex ??= new RegExp(`^(?:${this.#pattern()})$`, 'i'));
  }

  /** Sticky, case-insensitive: tries this entry alone at a given place. */
  sticky(): RegExp {
    return (this.#stickyRegex ??= new RegExp(this.#pattern(), 'iy'));
  }

  /** Sticky, case-sensitive: the as-written test. */
  exact(): RegExp {
    return (this.#exactRegex ??= new RegExp(this.#pattern(), 'y'));
  }

  #pattern(): string {
    return (this.#source ??= aliasSource(this.#text, this.#endings));
  }
}

/** Whole word at both ends (in the entry's script), and letter case as the entry wants. */
function accepts(entry: Entry, text: string, start: number, end: number): boolean {
  if (!entry.openStart && isWordChar(text[start - 1])) {
    const proclitic = entry.arabicStart && PROCLITICS.includes(text[start - 1] ?? '') && !isWordChar(text[start - 2]);
    if (!proclitic) return false;
  }
  if (!entry.openEnd && isWordChar(text[end])) return false;
  if (entry.case === 'as-written') {
    const matched = text.slice(start, end);
    const exactRegex = entry.forms.exact();
    exactRegex.lastIndex = start;
    const exact = exactRegex.exec(text);
    if (!(exact && exact[0].length === matched.length) && matched !== matched.toUpperCase()) return false;
  }
  return !inAddress(text, start, end);
}

/** Cue lists to scan for. Lists that only name and title rules use are looked up next
 *  to a candidate instead: they hold common words ("Then", "Later") that would make every
 *  block a candidate. */
function scannedCueLists(cues: readonly string[], rules: readonly Condition[]): Set<string> {
  return new Set(
    cues.filter(
      (cue) =>
        !rules.some((c) => c.kind !== 'cue' && c.kind !== 'topic' && c.name === cue) ||
        rules.some((c) => c.kind === 'cue' && c.name === cue),
    ),
  );
}
