import type { Candidate, TextScan } from './matcher';

/**
 * What a whole page has shown so far: which cue lists occur and which topics have a mention
 * that needs no condition. Conditional aliases ("Fitrat", "the 2020 agreement") count only
 * when one of their `requires` entries is in here.
 */
export class PageContext {
  private readonly present = new Set<string>();

  /** Adds what a text shows; returns true when the context gained something new. */
  absorb(scan: TextScan): boolean {
    const before = this.present.size;
    for (const cue of scan.cues) this.present.add(`cue:${cue}`);
    for (const c of scan.candidates) if (c.requires.length === 0) this.present.add(`topic:${c.topic}`);
    return this.present.size !== before;
  }

  accepts(candidate: Pick<Candidate, 'requires'>): boolean {
    return candidate.requires.length === 0 || candidate.requires.some((r) => this.present.has(r));
  }
}

/** Mentions in a single stand-alone text (the whole text is the page). */
export function acceptedIn(scan: TextScan): Candidate[] {
  const context = new PageContext();
  context.absorb(scan);
  return scan.candidates.filter((c) => context.accepts(c));
}
