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
  // (checkVisibility: Chrome 105 and Firefox 106, older than either build asks for.)
  if (!element || typeof element.checkVisibility !== 'function') return true;
  return element.checkVisibility({ checkVisibilityCSS: true });
}

/** Whether the reader can see `mention` (its first piece of text: the rest of a mention cut
 *  across inline elements is beside it). `seen` caches the answer per element for one count. */
export function mentionShown(mention: PageMention, seen?: Map<Element, boolean>): boolean {
  const element = mention.nodes[0]?.parentElement ?? null;
  if (!element) return true;
  let shown = seen?.get(element);
  if (shown === undefined) {
    shown = elementShown(element);
    seen?.set(element, shown);
  }
  return shown;
}

/** The accepted mentions per topic that the reader can see, and how many are hidden. Past
 *  SHOWN_CHECK_LIMIT, `all` (every accepted mention) as it is. */
export function shownCounts(
  mentions: Iterable<PageMention>,
  all: Record<TopicId, number>,
): { counts: Record<TopicId, number>; hidden: number } {
  let total = 0;
  for (const n of Object.values(all)) total += n;
  if (total === 0 || total > SHOWN_CHECK_LIMIT) return { counts: all, hidden: 0 };
  const seen = new Map<Element, boolean>();
  const counts: Record<TopicId, number> = {};
  let hidden = 0;
  for (const m of mentions) {
    if (!m.accepted) continue;
    if (mentionShown(m, seen)) counts[m.topic] = (counts[m.topic] ?? 0) + 1;
    else hidden++;
  }
  return { counts, hidden };
}
