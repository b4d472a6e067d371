// Places the card beside its mention. This was @floating-ui/dom (computePosition with inline,
// offset, flip, shift and size, kept current by autoUpdate), which cost the content script
// 6 KB gzipped for the one placement below; the rules here are the ones those middlewares
// applied for it.
import { inSight, type Box } from './clipping';
import { every } from './timers';

/** Between the mention and the card: close enough to read as its card, clear of the mark. */
const GAP = 6;
/** Kept free at the viewport's edges so the card's shadow and border stay visible. */
const PAD = 8;
/** Below this a card shows too little to read; it may cover its mention's side instead. */
const MIN_HEIGHT = 120;
/** In a viewport too short for MIN_HEIGHT on either side (a small embedded frame), the card
 *  shrinks to the larger side's room down to this (its title and a line); below it, the card
 *  covers part of its mention rather than be cut off by the frame's edge. */
const LEAST_HEIGHT = 72;

/**
 * Keeps `card` beside `anchor` (a mention's live Range): below it, flipping above when there
 * is no room, shifted sideways to stay in the viewport, never over the mention itself.
 * Returns the cleanup function.
 */
export function placeCard(
  anchor: Range,
  card: HTMLElement,
  /** Hears where the mention's first line stands, at each placing. */
  onPlaced?: (line: Box) => void,
  /** Hears that the mention went out of sight (scrolled out of the window or out of a box
   *  that scrolls on its own): a card left there would point at other text. */
  onOutOfSight?: () => void,
): () => void {
  // In right-to-left text the card lines up with the mention's right end, as text there does.
  // (The direction of the mention's own text: the card's is the reader's language's.)
  const at = anchor.startContainer;
  const element = at.nodeType === Node.ELEMENT_NODE ? (at as Element) : at.parentElement;
  const rtl = element !== null && getComputedStyle(element).direction === 'rtl';

  const update = () => {
    const lines = lineBoxes(anchor);
    const first = lines[0];
    const last = lines.at(-1);
    // No boxes: the mention's text is gone or hidden; leave the card where it was.
    if (!first || !last) return;
    // (A card with no box: its host is in a dialog the page has closed since.)
    if (onOutOfSight && (!lines.some((line) => inSight(line, element)) || card.getClientRects().length === 0)) {
      return onOutOfSight();
    }
    onPlaced?.(first);
    const viewport = window.visualViewport;
    const minX = (viewport?.offsetLeft ?? 0) + PAD;
    const minY = (viewport?.offsetTop ?? 0) + PAD;
    const maxX = minX - 2 * PAD + (viewport?.width ?? document.documentElement.clientWidth);
    const maxY = minY - 2 * PAD + (viewport?.height ?? document.documentElement.clientHeight);
    // The current size, max-height from the last update included: growing it back happens
    // through the ResizeObserver once the new max-height applies.
    const { width, height } = card.getBoundingClientRect();

    // Room is counted from the mention's outer lines, so the card never covers any line of it.
    const roomBelow = maxY - (last.bottom + GAP);
    const roomAbove = first.top - GAP - minY;
    // Below reads on from the mention; above only when the card fits there and not below, or
    // fits neither and above has more room.
    const below = height <= roomBelow || (height > roomAbove && roomBelow >= roomAbove);
    // A wrapped mention: line up with the line the card touches, not the bounding box,
    // which may start at the far edge of the column.
    const line = below ? last : first;
    const start = rtl ? line.right - width : line.left;
    const end = rtl ? line.left : line.right - width;
    const overflow = (x: number) => Math.max(0, minX - x) + Math.max(0, x + width - maxX);
    // Aligned with the mention's other end when that fits and its own does not (a mention
    // near the right edge), then pushed inside the viewport whatever is left over.
    const aligned = overflow(start) > 0 && overflow(end) < overflow(start) ? end : start;
    const x = Math.max(minX, Math.min(aligned, maxX - width));

    const room = Math.min(below ? roomBelow : roomAbove, maxY - minY);
    const least = Math.min(MIN_HEIGHT, Math.max(roomBelow, roomAbove, LEAST_HEIGHT), maxY - minY);
    card.style.maxHeight = `${Math.max(least, room)}px`;
    // Above, the card's bottom edge is what is placed, so it needs the height it now has; and
    // a card taller than its side's room (only in a short viewport) is kept inside it.
    const placedHeight = !below || least > room ? card.getBoundingClientRect().height : 0;
    const y = below ? last.bottom + GAP : first.top - GAP - placedHeight;
    const inside = least > room ? Math.max(minY, Math.min(y, maxY - placedHeight)) : y;
    card.style.transform = `translate(${Math.round(x)}px, ${Math.round(inside)}px)`;
  };

  const stop = new AbortController();
  const listen = { capture: true, passive: true, signal: stop.signal };
  // Scroll events do not bubble, and do not leave a shadow root: capture them on the window
  // and on every shadow root around the mention, so any scrolling container counts.
  window.addEventListener('scroll', update, listen);
  for (let root = anchor.startContainer.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    root.addEventListener('scroll', update, listen);
  }
  window.addEventListener('resize', update, listen);
  // The card changes size as Preact fills it and as its max-height changes; the mention's
  // element when the text around it reflows.
  const resizes = new ResizeObserver(() => update());
  resizes.observe(card);
  const context = anchor.startContainer.parentElement;
  if (context) resizes.observe(context);
  // Text that moves with no scroll and no resize (a ticker, a carousel sliding, an animated
  // transform): looked at four times a second while the card is open.
  const moving = every(250, update);
  update();
  return () => {
    stop.abort();
    resizes.disconnect();
    moving();
  };
}

/** One box per line of the range: a range has a rect for each element and text piece it
 *  crosses, several per line where it crosses inline elements. */
function lineBoxes(range: Range): Box[] {
  const rects = [...range.getClientRects()].sort((a, b) => a.top - b.top);
  const lines: Box[] = [];
  let previous: DOMRect | undefined;
  for (const rect of rects) {
    const line = lines.at(-1);
    // Same line while it starts in the upper half of the previous rect (floating-ui's rule).
    if (line && previous && rect.top - previous.top <= previous.height / 2) {
      line.top = Math.min(line.top, rect.top);
      line.bottom = Math.max(line.bottom, rect.bottom);
      line.left = Math.min(line.left, rect.left);
      line.right = Math.max(line.right, rect.right);
    } else {
      lines.push({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
    }
    previous = rect;
  }
  return lines;
}

/** True when `el` is the containing block of its fixed descendants. */
export function holdsFixedBoxes(el: Element): boolean {
  const s = getComputedStyle(el);
  return (
    s.transform !== 'none' ||
    s.perspective !== 'none' ||
    s.filter !== 'none' ||
    s.backdropFilter !== 'none' ||
    /paint|layout|strict|content/.test(s.contain) ||
    /transform|perspective|filter/.test(s.willChange) ||
    s.containerType !== 'normal'
  );
}
