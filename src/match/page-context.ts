import { namesakeCue, VETO } from './conditions';
import type { Candidate, TextScan } from './matcher';

/** What a page condition is judged on: the mention's rules, and whether it stands in the
 *  page's navigation, a sidebar or its footer. */
type Judged = Pick<Candidate, 'requires'> & { boilerplate?: boolean };

/** The prefix of the namesake pseudo cue lists (see namesakeCue). */
const NAMESAKE = namesakeCue('');

/**
 * What a whole page has shown so far: which cue lists occur and which topics have a mention
 * that needs no condition. Conditional aliases ("Fitrat", "the 2020 agreement") count only
 * when one of their `requires` entries is in here and none of their vetoes (`!cue:…`) is.
 *
 * The extension reads a page as it comes (the parser's pieces, the screen first, a script's
 * additions) and takes back a mark that a veto found later rules out, so its marks end as the
 * whole page says; the scan CLI and the evaluation absorb the whole file first.
 */
export class PageContext {
  /** What the page shows: cue lists, and topics with a mention that needs no condition. */
  readonly #present = new Set<string>();
  /** Namesakes named in the page's navigation, a sidebar or its footer: they rule out
   *  mentions there only (a "Most read" link names another story). */
  readonly #asides = new Set<string>();
  /** Topics vouched for by conditional mentions accepted through accepts(). */
  readonly #vouched = new Set<string>();

  /** Adds what a text shows (its cue lists, the topics of its mentions without conditions);
   *  returns true when that grew. What conditional mentions vouch for is decided once the
   *  page is read (acceptAll) or kept by the caller that counts them (see holds). A text in
   *  the page's navigation, a sidebar or its footer (`boilerplate`) names other stories: a
   *  namesake there rules out the mentions of such regions only. */
  absorb(scan: TextScan, boilerplate = false): boolean {
    const before = this.#present.size + this.#asides.size;
    for (const cue of scan.cues)
      (boilerplate && cue.startsWith(NAMESAKE) ? this.#asides : this.#present).add(`cue:${cue}`);
    for (const c of scan.candidates) if (c.requires.length === 0) this.#present.add(`topic:${c.topic}`);
    return this.#present.size + this.#asides.size !== before;
  }

  /** Whether the candidate counts on this page. One that does vouches for its topic from now
   *  on: a Doha Agreement accepted on an Afghanistan page makes "the 2020 deal" count too. */
  accepts(candidate: Judged & Pick<Candidate, 'topic'>): boolean {
    if (!this.holds(candidate, this.#vouched)) return false;
    this.#vouched.add(`topic:${candidate.topic}`);
    return true;
  }

  /** Whether the candidate counts given what the page shows and the topics `vouched` for
   *  (as `topic:<id>`) by the conditional mentions its caller counts; vouches for nothing. */
  holds(candidate: Judged, vouched: ReadonlySet<string>): boolean {
    let needed = false;
    let met = false;
    for (const r of candidate.requires) {
      if (r.startsWith(VETO)) {
        const key = r.slice(VETO.length);
        if (this.#present.has(key) || (candidate.boilerplate && this.#asides.has(key))) return false;
      } else {
        needed = true;
        met ||= this.#present.has(r) || vouched.has(r);
      }
    }
    return !needed || met;
  }
}

/** Mentions in a single stand-alone text (the whole text is the page and one block). */
export function acceptedIn(scan: TextScan): Candidate[] {
  const context = new PageContext();
  context.absorb(scan);
  const accepted = acceptAll(context, scan.candidates);
  return scan.candidates.filter((c) => accepted.has(c));
}

/** The candidates that count once the whole page is known: from none, each that the page
 *  or the topics of those counted so far vouch for (never one through itself), until no more
 *  do, whatever order they come in. The content script settles its marks the same way
 *  (src/page/page-scanner.ts). */
export function acceptAll<T extends Judged & Pick<Candidate, 'topic'>>(
  context: PageContext,
  candidates: Iterable<T>,
  skip: (candidate: T) => boolean = () => false,
): Set<T> {
  const accepted = new Set<T>();
  const vouched = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const c of candidates) {
      if (accepted.has(c) || skip(c) || !context.holds(c, vouched)) continue;
      accepted.add(c);
      vouched.add(`topic:${c.topic}`);
      grew = true;
    }
  }
  return accepted;
}
