// Where the page's style, not its tags, sets two pieces of text apart. A run is made by tag
// (text-blocks.ts): a flex or grid item, or an inline tag styled as a block, flows
// into its neighbours' words there. Frameworks write no white space between elements, so
// `<a>Trump</a><a>Bagram</a>` in a flex row read "TrumpBagram" and was never marked, and
// `<span>Bagram</span> <span>Air Base</span>` as two flex items was one mark across both.
// A style lookup per element would cost every page a style pass, so only the seams where it
// decides a mention are asked: between two letters near a key word, and inside a mention.

import { isWordChar } from '../match/normalize';
import { LINE_BREAK, type TextRun } from './text-blocks';

/** Characters on each side of a seam that a key word must reach into for the seam to count. */
const NEAR = 48;

/** Breaks `run` where two of its nodes' letters meet (no space or break between) near a key
 *  word (`mightMention`) and the page lays the two apart. True when it broke any. */
export const breakStyledWordSeams = (run: TextRun, mightMention: (text: string) => boolean): boolean =>
  breakWhere(
    run,
    (at, text) =>
      isWordChar(text[at - 1]) && isWordChar(text[at]) && mightMention(text.slice(Math.max(0, at - NEAR), at + NEAR)),
  );

/** Breaks `run` inside any of `spans` (the mentions found in it, in order) where the page lays
 *  two of its nodes apart. True when it broke any: the run must be matched again. */
export function breakStyledSpans(run: TextRun, spans: ReadonlyArray<{ start: number; end: number }>): boolean {
  let next = 0;
  return breakWhere(run, (at) => {
    while ((spans[next]?.end ?? at + 1) <= at) next++;
    return (spans[next]?.start ?? at) < at;
  });
}

/** Puts a LINE_BREAK before each node of `run` (from the second) where `asked` (with the
 *  node's place in the run's text) wants a look and the page lays it apart from the node
 *  before. True when it put any. */
function breakWhere(run: TextRun, asked: (at: number, text: string) => boolean): boolean {
  const { text, starts, nodes } = run;
  let broken = '';
  let from = 0;
  starts.forEach((at, i) => {
    if (i > 0 && asked(at, text) && boxed(nodes[i - 1]!, nodes[i]!) + boxed(nodes[i]!, nodes[i - 1]!) > 1)
      [broken, from] = [broken + text.slice(from, at) + LINE_BREAK, at];
    starts[i] = at + broken.length - from;
  });
  run.text = broken + text.slice(from);
  return from > 0;
}

/** 2 when an element that holds `node` and not `other` is a box of its own: block-level (a
 *  flex or grid item, `display: block` on an inline tag); 1 when it is a box in the line spaced
 *  by margins or padding of over 3 pixels in all, which parts the words only when the box on
 *  the other side is spaced too (a rail of links, tag chips; not a drop cap set in the line
 *  with `initial-letter` and a margin). 0 for one that stands in the line unspaced
 *  (`inline-block`: a word animated a letter at a time, a span each) and for a floated drop
 *  cap, padded or not. (Hidden text stays where its tags put it; no style at all is a
 *  document without a view, which leaves it to them.) */
function boxed(node: Node, other: Node): number {
  let found = 0;
  for (let el = node.parentElement; el && !el.contains(other); el = el.parentElement) {
    const style = getComputedStyle(el);
    if ((style.float || 'none') !== 'none') continue;
    if (!/^(inline|contents|none|ruby|$)/.test(style.display)) return 2;
    const spaced =
      parseFloat(style.marginLeft) +
      parseFloat(style.marginRight) +
      parseFloat(style.paddingLeft) +
      parseFloat(style.paddingRight);
    if (style.display.startsWith('inline') && spaced > 3) found = 1;
  }
  return found;
}
