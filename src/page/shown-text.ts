// Whether the reader can see a mention. Pages hold text they do not show: a menu or a drawer
// for small screens, a collapsed <details>, a tab panel, a headline written twice for two
// layouts. Such text is still marked (nothing is painted there, and the marks are in place the
// moment the page reveals it), but the popup and the badge count what the reader can see, and
// "show the next mention" goes only to text on view: a card for text under `display: none`
// had nothing to point at and opened in the page's top-left corner.
import type { TopicId } from '../pack/types';
import type { PageMention } from './page-mention';

/** Above this many mentions the counts are not checked one by one: each check costs about a
 *  microsecond, and counts that large say "a lot" either way (the badge shows 999+). */
export const SHOWN_CHECK_LIMIT = 2_000;

/** False for text under `display: none` (the `hidden` attribute, a closed <details>,
 *  `hidden="until-found"`) or `visibility: hidden`. Opacity is not looked at: pages fade text
 *  in as it scrolls into view. Text outside the screen, or clipped, counts as shown. */
export function elementShown(element: Element | null): boolean {
  for (let at = element; at;) {
    // (checkVisibility: Chrome 105 and Firefox 106, older than either build asks for.)
    if (typeof at.checkVisibility !== 'function') return true;
    if (at.checkVisibility({ checkVisibilityCSS: true })) return true;
    // An element styled `display: contents` (a <slot>, a wrapper styled away) has no box of
    // its own, so it never looks visible; its text is drawn where its parent is.
    const style = getComputedStyle(at);
    if (style.display !== 'contents' || style.visibility !== 'visible') return false;
    at = (at as HTMLElement).assignedSlot ?? at.parentElement ?? (at.parentNode as ShadowRoot | null)?.host ?? null;
  }
  return true;
}

/** Whether the reader can see `mention` now (its first piece of text: the rest of a mention
 *  cut across inline elements is beside it). */
export function mentionShown(mention: PageMention): boolean {
  const text = mention.nodes[0];
  const element = text?.parentElement ?? null;
  if (!element) return true;
  // Text of a component's own that its shadow tree has no slot for is not drawn.
  if (element.shadowRoot && !text!.assignedSlot) return false;
  return elementShown(element);
}

/** Counts what the reader can see, remembering each element's answer until told to forget
 *  (the page may have shown or hidden text since): a report on a page that keeps changing
 *  then looks only at the elements new since the last one. */
export class ShownCounter {
  private seen = new WeakMap<Element, boolean>();

  forget(): void {
    this.seen = new WeakMap();
  }

  /** The accepted mentions per topic that the reader can see, in the order of `all` (every
   *  accepted mention), and how many are hidden. Past SHOWN_CHECK_LIMIT, `all` as it is. */
  counts(
    mentions: Iterable<PageMention>,
    all: Record<TopicId, number>,
  ): { counts: Record<TopicId, number>; hidden: number } {
    let total = 0;
    for (const n of Object.values(all)) total += n;
    if (total === 0 || total > SHOWN_CHECK_LIMIT) return { counts: all, hidden: 0 };
    const shown = new Map<TopicId, number>(Object.keys(all).map((topic) => [topic, 0]));
    let hidden = 0;
    for (const m of mentions) {
      if (!m.accepted) continue;
      if (this.shown(m)) shown.set(m.topic, (shown.get(m.topic) ?? 0) + 1);
      else hidden++;
    }
    const counts: Record<TopicId, number> = {};
    for (const [topic, n] of shown) if (n > 0) counts[topic] = n;
    return { counts, hidden };
  }

  private shown(m: PageMention): boolean {
    const element = m.nodes[0]?.parentElement;
    if (!element) return true;
    let shown = this.seen.get(element);
    if (shown === undefined) {
      shown = mentionShown(m);
      this.seen.set(element, shown);
    }
    return shown;
  }
}

/** While some mentions are hidden, the counts are looked at again after these delays: a page
 *  reveals text (a class toggled on a menu) without a change the observer hears. */
const LOOK_AGAIN_MS = [2_000, 10_000, 30_000];

export interface ShownCounts {
  /** The counts the popup and the badge show. */
  counts(): Record<TopicId, number>;
  /** The page's mentions changed (a scan or a batch ended). */
  scanned(): void;
  /** The next counts look at every mention again (the reader asked: the popup opened). */
  forget(): void;
}

/** The counts of what the reader can see, for one frame's overlay; `changed` is called when
 *  they may have changed without the mentions changing: the page loaded its last styles, the
 *  reader opened a <details> or found hidden text by searching, or a look again is due. */
export function watchShownCounts(
  mentions: () => Iterable<PageMention>,
  all: () => Record<TopicId, number>,
  changed: () => void,
  signal: AbortSignal,
  doc: Document = document,
): ShownCounts {
  const counter = new ShownCounter();
  let looks = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastAll = '';
  const lookAgain = () => {
    if (signal.aborted) return;
    counter.forget();
    changed();
  };
  signal.addEventListener('abort', () => clearTimeout(timer));
  // Listened for once there is something to count (most pages have nothing: no listeners, and
  // no report at their load). A load that came before needs no look: the counts came after.
  let listening = false;
  const listen = () => {
    listening = true;
    const onEvent = (event: Event) => event.isTrusted && lookAgain();
    doc.defaultView?.addEventListener('load', onEvent, { signal });
    // (Neither event bubbles: heard on the way down.)
    for (const type of ['toggle', 'beforematch']) doc.addEventListener(type, onEvent, { capture: true, signal });
  };
  return {
    counts() {
      const full = all();
      const { counts, hidden } = counter.counts(mentions(), full);
      if (!listening && Object.keys(full).length > 0) listen();
      if (hidden > 0 && timer === undefined && looks < LOOK_AGAIN_MS.length && !signal.aborted) {
        timer = setTimeout(() => {
          timer = undefined;
          lookAgain();
        }, LOOK_AGAIN_MS[looks++]);
      }
      return counts;
    },
    scanned() {
      // Looks again on the same schedule after the mentions change, not at every batch of
      // a page that keeps changing.
      const now = JSON.stringify(all());
      if (now !== lastAll) looks = 0;
      lastAll = now;
    },
    forget: () => counter.forget(),
  };
}
