import { VETO } from './conditions';
import type { Candidate, TextScan } from './matcher';

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
  private readonly present = new Set<string>();

  /** Adds what a text shows; returns true when the context gained something new. */
  absorb(scan: TextScan): boolean {
    const before = this.present.size;
    for (const cue of scan.cues) this.present.add(`cue:${cue}`);
    for (const c of scan.candidates) if (c.requires.length === 0) this.present.add(`topic:${c.topic}`);
    // Conditional mentions that count now vouch for their topic here, so that the growth is
    // reported and mentions waiting elsewhere on the page get another look.
    for (const c of scan.candidates) this.accepts(c);
    return this.present.size !== before;
  }

  /** Whether the candidate counts on this page. One that does vouches for its topic from now
   *  on: a Doha Agreement accepted on an Afghanistan page makes "the 2020 deal" count too. */
  accepts(candidate: Pick<Candidate, 'requires' | 'topic'>): boolean {
    let needed = false;
    let met = false;
    for (const r of candidate.requires) {
      if (r.startsWith(VETO)) {
        if (this.present.has(r.slice(VETO.length))) return false;
      } else {
        needed = true;
        met ||= this.present.has(r);
      }
    }
    if (needed && !met) return false;
    this.present.add(`topic:${candidate.topic}`);
    return true;
  }
}

/** Mentions in a single stand-alone text (the whole text is the page and one block). */
export function acceptedIn(scan: TextScan): Candidate[] {
  const context = new PageContext();
  context.absorb(scan);
  return acceptAll(context, scan.candidates);
}

/** The candidates that count once the whole page is known: accepting one may vouch for
 *  another (see accepts), so repeat until nothing changes. */
export function acceptAll<T extends Pick<Candidate, 'requires' | 'topic'>>(
  context: PageContext,
  candidates: readonly T[],
): T[] {
  const accepted = new Set<T>();
  for (let grew = true; grew;) {
    grew = false;
    for (const c of candidates) {
      if (!accepted.has(c) && context.accepts(c)) {
        accepted.add(c);
        grew = true;
      }
    }
  }
  return candidates.filter((c) => accepted.has(c));
}
