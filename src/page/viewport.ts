// What the reader sees, for a scan that marks it first (issue 6: a page the reader has
// scrolled down, or switched the extension on for while reading, must not wait for every
// mention above the fold). Asked only of a page that has been laid out: each question here
// needs its layout.
import { caretAt } from './hit-test';
import { ELEMENT_NODE, SHOW_ELEMENT, type BlockClassifier } from './text-blocks';

/** Points (fractions of the window) asked for the text under them: down the middle, where
 *  an article's column usually is, and one to its left. */
const PROBES: ReadonlyArray<readonly [number, number]> = [
  [0.5, 0.1],
  [0.5, 0.35],
  [0.5, 0.6],
  [0.25, 0.25],
];

/**
 * The block on screen that comes first in document order (or the node itself when it has no
 * block), from which a walk in document order meets what the reader sees before anything
 * else. Text in fixed or sticky bars is passed over: a site's header sits at the top of the
 * document, however far down the reader is. Null when no probe finds text of `body`.
 */
export function firstOnScreen(body: Element, classifier: BlockClassifier): Node | null {
  let first: Node | null = null;
  for (const [fx, fy] of PROBES) {
    const node = caretAt(document, innerWidth * fx, innerHeight * fy, [])?.offsetNode;
    if (!node || node === body || !body.contains(node)) continue;
    const element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
    if (!element || inFixedBar(element, body)) continue;
    const start = classifier.blockOf(element) ?? node;
    if (!first || start.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = start;
  }
  return first && backToTopOfScreen(first, body);
}

/** How far back from a probe's block the walk for blocks still on screen goes (a block above
 *  the first probe, or under a fixed header). */
const MAX_STEPS_BACK = 64;

/** The earliest element before `from` in document order, up to the first one wholly above the
 *  window; `from` itself when there is none. Its ancestors are passed over: they reach down
 *  onto the screen, but start far above it. */
function backToTopOfScreen(from: Node, body: Element): Node {
  const walker = document.createTreeWalker(body, SHOW_ELEMENT);
  walker.currentNode = from;
  let first = from;
  for (let step = 0; step < MAX_STEPS_BACK; step++) {
    const before = walker.previousNode() as Element | null;
    if (!before || before === body) break;
    if (before.contains(from)) continue;
    const rect = before.getBoundingClientRect();
    // Not laid out, or placed below the screen (a sidebar moved under the article).
    if ((rect.width === 0 && rect.height === 0) || rect.top > innerHeight) continue;
    if (rect.bottom < 0) break;
    first = before;
  }
  return first;
}

/** Where a block stands against the window: on screen, below it, or off it otherwise (above,
 *  or not laid out at all: display none). */
export function placeOnScreen(block: Element): 'on' | 'below' | 'off' {
  const rect = block.getBoundingClientRect();
  if ((rect.width === 0 && rect.height === 0) || rect.bottom < 0) return 'off';
  return rect.top > innerHeight ? 'below' : 'on';
}

/** Whether the page has painted a frame. Until it has, the reader has seen nothing and its top
 *  comes first anyway, so the screen is not asked for: that would pull the page's first layout
 *  (tens of ms on a long page) into the extension's task, ahead of the page's own paint. */
export function pagePainted(): boolean {
  return performance.getEntriesByType('paint').length > 0;
}

function inFixedBar(element: Element, body: Element): boolean {
  for (let el: Element | null = element; el && el !== body; el = el.parentElement) {
    const position = getComputedStyle(el).position;
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
}
