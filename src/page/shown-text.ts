// Whether the reader can see a mention. Pages hold text they do not show: a menu or a drawer
// for small screens, a collapsed <details>, a tab panel, a view a single-page app keeps for
// later. Such text is still marked (nothing is painted there, and the marks are in place the
// moment the page reveals it), but the popup and the badge count what the reader can see, and
// "show the next mention" goes only there: a card for text under `display: none` had nothing
// to point at and opened in the page's top-left corner.
import type { TopicId } from '../pack/types';
import type { PageMention } from './page-mention';
import { after, type Cancel } from './timers';

/** Above this many mentions the counts are not checked one by one: each check costs about a
 *  microsecond, and counts that large say "a lot" either way (the badge shows 999+). */
export const SHOWN_CHECK_LIMIT = 2_000;

/** How an element's text is drawn: not at all (`display: none`, the `hidden` attribute,
 *  inside a closed <details>), drawn but invisible (`visibility: hidden`), or drawn. Opacity
 *  is not looked at: pages fade text in as it scrolls into view. */
type Drawn = 'none' | 'invisible' | 'drawn';

/** Whether `parent` leaves `child` (one of its children) undrawn though it has a box of its
 *  own: a component's child that its shadow tree has no slot for, the content of a closed
 *  <details> (but its summary), of `hidden="until-found"`, and a slot's fallback when the
 *  slot has something else to show. (From the markup: a computed style for every element
 *  counted cost the infinite-scroll page a millisecond at each look.) */
function skipsChild(parent: Element, child: Element | Text): boolean {
  if (parent.shadowRoot) return !child.assignedSlot;
  if (parent.localName === 'details')
    return !(parent as HTMLDetailsElement).open && (child as Element).localName !== 'summary';
  if ((parent as { hidden?: unknown }).hidden === 'until-found') return true;
  return parent.localName === 'slot' && (parent as HTMLSlotElement).assignedNodes().length > 0;
}

/** How the text of `element` (which `child` is in) is drawn. */
function drawnIn(element: Element, child: Element | Text): Drawn {
  let visibility: string | null = null;
  for (let at: Element | null = element, from = child; at;) {
    if (from.assignedSlot !== at && skipsChild(at, from)) return 'none';
    // (checkVisibility: Chrome 105 and Firefox 106, older than either build asks for.)
    if (typeof at.checkVisibility !== 'function') return 'drawn';
    // Text drawn and visible, as most is, in one look: the CSS one asks both.
    if (!visibility && at.checkVisibility({ checkVisibilityCSS: true })) return 'drawn';
    // The nearest element's own visibility decides, a `display: contents` one's included.
    if (at.checkVisibility()) return (visibility ?? 'hidden') === 'visible' ? 'drawn' : 'invisible';
    // An element styled `display: contents` (a <slot>, a wrapper styled away) has no box of
    // its own, so it never looks visible; its text is drawn where its parent is.
    const style = getComputedStyle(at);
    if (style.display !== 'contents') return 'none';
    visibility ??= style.visibility;
    from = at;
    at = at.assignedSlot ?? at.parentElement ?? (at.parentNode as ShadowRoot | null)?.host ?? null;
  }
  return 'drawn';
}

/** Whether the reader can see `mention`, or will as they scroll to it (its first piece of
 *  text: the rest of a mention cut across inline elements is beside it). Text under
 *  `visibility: hidden` below the screen counts: reveal-on-scroll scripts hide what is further
 *  down that way until the reader comes to it. On the screen or above it, it is a menu or a
 *  placeholder, and does not. */
export function mentionShown(mention: PageMention): boolean {
  const text = mention.nodes[0];
  const parent = text?.parentElement;
  if (!text || !parent) return true;
  const drawn = drawnIn(text.assignedSlot ?? parent, text);
  if (drawn !== 'invisible') return drawn === 'drawn';
  const view = text.ownerDocument.defaultView;
  if (!view) return false;
  const range = text.ownerDocument.createRange();
  range.selectNodeContents(text);
  return range.getBoundingClientRect().top > view.innerHeight + 1;
}

/** How many elements one count looks at again (see ShownCounter.doubt). Each look cost 3–5 µs
 *  in profiles of the benchmark's infinite-scroll page (0.65–1.08 ms for its 204 mentions), so
 *  a feed's 2,000, looked at in one go, would hold the page for some 6–10 ms every 2 s. */
export const RECHECKS_PER_COUNT = 100;

/** Counts what the reader can see, remembering each element's answer: a report on a page that
 *  keeps changing then looks only at the elements new since the last one. */
export class ShownCounter {
  /** Each element's answer, and the look it was given in: look × 2, plus 1 if shown. */
  #seen = new WeakMap<Element, number>();
  #look = 0;
  #rechecks = 0;
  /** Whether some answers are from before the last doubt (the next count goes on with them). */
  behind = false;
  /** A doubt that came while the one before was still behind: it begins once that is done.
   *  (Begun at once, each would start from the first mention again, and on a feed that
   *  changes every 2 s the last ones would never be looked at.) */
  #doubtedAgain = false;

  /** Every element is looked at again, at the next count. */
  forget(): void {
    this.#seen = new WeakMap();
    this.#doubtedAgain = false;
  }

  /** Every element is looked at again, RECHECKS_PER_COUNT of them per count (the page may have
   *  shown or hidden text since). New ones are looked at first, as ever. */
  doubt(): void {
    if (this.behind) this.#doubtedAgain = true;
    else {
      this.#look++;
      this.behind = true;
    }
  }

  /** The accepted mentions per topic that the reader can see, in the order of `all` (every
   *  accepted mention), and how many are hidden. Past SHOWN_CHECK_LIMIT, `all` as it is. */
  counts(
    mentions: Iterable<PageMention>,
    all: Record<TopicId, number>,
  ): { counts: Record<TopicId, number>; hidden: number } {
    let total = 0;
    for (const n of Object.values(all)) total += n;
    this.behind = false;
    if (total === 0 || total > SHOWN_CHECK_LIMIT) {
      this.#doubtedAgain = false;
      return { counts: all, hidden: 0 };
    }
    this.#rechecks = RECHECKS_PER_COUNT;
    const shown = new Map<TopicId, number>(Object.keys(all).map((topic) => [topic, 0]));
    let hidden = 0;
    for (const m of mentions) {
      if (!m.accepted) continue;
      if (this.#shown(m)) shown.set(m.topic, (shown.get(m.topic) ?? 0) + 1);
      else hidden++;
    }
    const counts: Record<TopicId, number> = {};
    for (const [topic, n] of shown) if (n > 0) counts[topic] = n;
    if (this.#doubtedAgain && !this.behind) {
      this.#doubtedAgain = false;
      this.doubt();
    }
    return { counts, hidden };
  }

  #shown(m: PageMention): boolean {
    const element = m.nodes[0]?.parentElement;
    if (!element) return true;
    const known = this.#seen.get(element);
    const old = known !== undefined && known < this.#look * 2;
    if (known === undefined || (old && this.#rechecks-- > 0)) {
      const shown = mentionShown(m);
      this.#seen.set(element, this.#look * 2 + +shown);
      return shown;
    }
    this.behind ||= old;
    return (known & 1) === 1;
  }
}

/** When the counts are looked at afresh (every element's answer doubted), since a page
 *  shows and hides text without a change the observer hears (a class or an attribute set):
 *  soon after the reader clicks (a menu, a tab, "read more") and again a little later, at
 *  the page's load, a while after the mentions change (a single-page app hides its old view
 *  and adds the new), and, while some are hidden, again after 2, 10 and 30 s. */
const AFTER_READER_MS = 300;
const AFTER_READER_AGAIN_MS = 1_500;
const AFTER_CHANGE_MS = 2_000;
const WHILE_HIDDEN_MS = [2_000, 10_000, 30_000];

export interface ShownCounts {
  /** The counts the popup and the badge show. */
  counts(): Record<TopicId, number>;
  /** The page's mentions changed (a scan or a batch ended). */
  scanned(): void;
  /** The next counts look at every mention again (the reader asked: the popup opened). */
  forget(): void;
  /** Whether there are mentions to count (the counts then look at the page). */
  any(): boolean;
}

/** The counts of what the reader can see, for one frame's overlay; `changed` is called when
 *  they may have changed without the mentions changing (see the delays above). */
export function watchShownCounts(
  mentions: () => Iterable<PageMention>,
  all: () => Record<TopicId, number>,
  changed: () => void,
  signal: AbortSignal,
  doc: Document = document,
): ShownCounts {
  const counter = new ShownCounter();
  let looks = 0;
  let timer: Cancel | undefined;
  let due = Infinity;
  let lastAll = '{}'; // (no mentions: nothing to look at)
  /** A second look after the reader's, for a menu that closes with a transition. */
  let followUp = false;
  /** A fresh look within `ms` (an earlier one already due stands). */
  const lookWithin = (ms: number) => {
    if (signal.aborted || performance.now() + ms >= due) return;
    timer?.();
    due = performance.now() + ms;
    timer = after(ms, () => {
      timer = undefined;
      due = Infinity;
      if (signal.aborted) return;
      counter.doubt();
      changed();
      if (followUp) {
        followUp = false;
        lookWithin(AFTER_READER_AGAIN_MS);
      }
    });
  };
  signal.addEventListener('abort', () => {
    timer?.();
    timer = undefined;
    due = Infinity;
  });
  // Listened for once there is something to count: most pages have nothing, and no listener.
  // (A click on a <summary> or a tab in a component's shadow tree reaches the document too.)
  let listening = false;
  const listen = () => {
    listening = true;
    const onReader = (event: Event) => {
      if (!event.isTrusted) return;
      followUp = true;
      lookWithin(AFTER_READER_MS);
    };
    for (const type of ['click', 'toggle', 'beforematch'])
      doc.addEventListener(type, onReader, { capture: true, signal });
    // The page's own load handlers (tabs and accordions set up then, late styles).
    if (doc.readyState !== 'complete') {
      const onLoad = (event: Event) => event.isTrusted && lookWithin(AFTER_READER_MS);
      doc.defaultView?.addEventListener('load', onLoad, { once: true, signal });
    }
  };
  return {
    counts() {
      const full = all();
      const { counts, hidden } = counter.counts(mentions(), full);
      if (!listening && Object.keys(full).length > 0) listen();
      if (hidden > 0 && timer === undefined && looks < WHILE_HIDDEN_MS.length) lookWithin(WHILE_HIDDEN_MS[looks++]!);
      // The rest of a look, at the next report.
      if (counter.behind) changed();
      return counts;
    },
    scanned() {
      const now = JSON.stringify(all());
      if (now === lastAll) return;
      lastAll = now;
      looks = 0;
      lookWithin(AFTER_CHANGE_MS);
    },
    forget: () => counter.forget(),
    any: () => Object.keys(all()).length > 0,
  };
}
