// The matcher takes the longest entry at the first place one starts, and goes on after it. An
// entry whose last words are the first words of another ("February 2020 agreement" and
// "Agreement for Bringing Peace to Afghanistan") must not cost a mention when the two run
// into each other: the pack then needs the joined phrase as an alias of its own.
import { expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { PageContext } from '../../src/match/page-context';
import { bundledPack } from '../../src/pack/bundled';

const matcher = buildMatcher(bundledPack);
const accepted = (text: string) => {
  const context = new PageContext();
  const scan = matcher.scan(text);
  context.absorb(scan);
  return scan.candidates.filter((c) => context.accepts(c));
};
const GAP = /[\s\-\u2010-\u2014\u200c]/;

it('no alias loses its mention to another whose last words start it', () => {
  const aliases = bundledPack.topics.flatMap((t) => t.aliases.map((a) => a.text));
  const lost: string[] = [];
  for (const first of aliases) {
    for (let i = 1; i < first.length; i++) {
      if (!GAP.test(first[i - 1]!) || GAP.test(first[i]!)) continue;
      const tail = first.slice(i).toLowerCase();
      for (const second of aliases) {
        if (second.length <= tail.length || !second.toLowerCase().startsWith(tail)) continue;
        const joined = first + second.slice(tail.length);
        if (accepted(second).length > 0 && accepted(joined).length === 0) lost.push(joined);
      }
    }
  }
  expect(lost).toEqual([]);
});
