// A mention's block and word-scope conditions are decided by the nearest cue word on each side
// (Sightings.nearest), not by a look at every cue word in the block for every mention, which
// made a long paragraph quadratic. The decisions must be the ones every cue word would give.
import { describe, expect, it } from 'vitest';
import {
  holdsNear,
  pageKey,
  SENTENCE_END,
  Sightings,
  wordsWithin,
  type Condition,
  type Sighting,
} from '../../src/match/conditions';
import { pick, seededRandom } from '../bench/random';

/** The rule as it was: every sighting of the key looked at. */
function holdsNearAll(c: Condition, text: string, start: number, end: number, seen: Sighting[], afterOnly: boolean) {
  const key = pageKey(c);
  return seen.some((s) => {
    if (s.key !== key || (s.start === start && s.end === end) || (afterOnly && s.start < end)) return false;
    if (c.scope === 'block') return true;
    const [from, to] = s.end <= start ? [s.end, start] : [end, s.start];
    return (
      wordsWithin(text, from, to, c.scope as number) && !(afterOnly && SENTENCE_END.test(text.slice(end, s.start + 1)))
    );
  });
}

const WORDS = ['the', 'deal', 'was', 'signed', 'Taliban', 'Kabul', 'agreement', 'base', 'said.', 'Then', 'on', 'it'];

describe('conditions decided by the nearest sightings', () => {
  it('decide as a look at every sighting in the block would', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = seededRandom(seed);
      const words = Array.from({ length: 20 + Math.floor(random() * 80) }, () => pick(random, WORDS));
      const text = words.join(' ');
      // Sightings at random words, in order, none inside another, of two keys.
      const all: Sighting[] = [];
      const seen = new Sightings();
      let at = 0;
      for (const word of words) {
        if (random() < 0.25) {
          const sighting = {
            key: pageKey({ kind: 'cue', name: random() < 0.5 ? 'a' : 'b' }),
            start: at,
            end: at + word.length,
          };
          all.push(sighting);
          seen.add(sighting);
        }
        at += word.length + 1;
      }
      for (let i = 0; i < 10; i++) {
        // A span that is one of the sightings (a plain alias is one) or another word.
        const own = random() < 0.5 && all.length > 0 ? pick(random, all) : null;
        const w = Math.floor(random() * words.length);
        const start = own ? own.start : words.slice(0, w).join(' ').length + (w > 0 ? 1 : 0);
        const end = own ? own.end : start + words[w]!.length;
        for (const scope of ['block', 1, 3, 8] as const) {
          const c: Condition = { kind: 'cue', name: random() < 0.5 ? 'a' : 'b', scope };
          for (const afterOnly of [false, true]) {
            expect(
              holdsNear(c, text, start, end, seen, afterOnly),
              `seed ${seed}: ${c.name}@${scope} ${afterOnly}`,
            ).toBe(holdsNearAll(c, text, start, end, all, afterOnly));
          }
        }
      }
    }
  });
});
