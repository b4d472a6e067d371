// Which boxes around a mention cut off what overflows them: the window, a sidebar that
// scrolls on its own, an ellipsis headline, a dialog's body. A card must not point at text
// they hide, and the keyboard can bring text into view only through the ones that scroll.

export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

interface Clipper {
  element: Element;
  /** The reader can scroll it (overflow auto or scroll); hidden and clip only cut off. */
  scrolls: boolean;
}

/** The boxes that clip the content of `element`, innermost first: it and its ancestors up to
 *  the page's root, following the containing blocks (an absolutely placed menu escapes the
 *  overflow of the ancestors between it and its positioned one; a fixed one escapes them all). */
function clippers(element: Element | null): Clipper[] {
  const out: Clipper[] = [];
  let escaping = false; // an absolutely placed box below: only positioned ancestors hold it
  for (let el = element; el && el !== document.documentElement && el !== document.body; el = el.parentElement) {
    const style = getComputedStyle(el);
    const positioned = style.position !== 'static' || style.transform !== 'none';
    if (!escaping || positioned) {
      escaping = false;
      if (/hidden|clip|auto|scroll/.test(style.overflowX + style.overflowY)) {
        const scrolls = /auto|scroll/.test(style.overflowX) || /auto|scroll/.test(style.overflowY);
        out.push({ element: el, scrolls });
      }
    }
    if (style.position === 'fixed') break;
    if (style.position === 'absolute') escaping = true;
  }
  return out;
}

function intersect(a: Box, b: Box): Box {
  return {
    top: Math.max(a.top, b.top),
    bottom: Math.min(a.bottom, b.bottom),
    left: Math.max(a.left, b.left),
    right: Math.min(a.right, b.right),
  };
}

const empty = (b: Box) => b.bottom <= b.top || b.right <= b.left;

/** True when some of `box` (text in `element`) shows in the window and in every box around
 *  it that clips what overflows it. */
export function inSight(box: Box, element: Element | null): boolean {
  let seen = intersect(box, { top: 0, left: 0, bottom: innerHeight, right: innerWidth });
  for (const c of clippers(element)) seen = intersect(seen, c.element.getBoundingClientRect());
  return !empty(seen);
}

/** True when a box the reader cannot scroll (overflow hidden or clip: an ellipsis, a
 *  line-clamped teaser) hides all of `box`: nothing brings that text into view. */
export function hiddenForGood(box: Box, element: Element | null): boolean {
  let seen: Box = box;
  for (const c of clippers(element)) if (!c.scrolls) seen = intersect(seen, c.element.getBoundingClientRect());
  return empty(seen);
}

/** Scrolls the boxes around `element` that the reader could scroll (and only those, and only
 *  as far as needed) so that `range` shows in them, innermost first. The window is left to
 *  the caller. */
export function scrollBoxesTo(range: Range, element: Element | null): void {
  for (const c of clippers(element)) {
    if (!c.scrolls) continue;
    const box = c.element.getBoundingClientRect();
    const r = range.getBoundingClientRect();
    if (r.top < box.top || r.bottom > box.bottom) c.element.scrollTop += r.top - box.top - (box.height - r.height) / 2;
    if (r.left < box.left || r.right > box.right) c.element.scrollLeft += r.left - box.left - (box.width - r.width) / 2;
  }
}
