// Where the card goes next: the keyboard's next mention (in reading order, one the reader can
// see), or the same words where a live page put them anew. Loaded with the card's UI
// (src/ui/render-card.tsx): only a page with a card needs it.
import type { TopicId } from '../pack/types';
import { hiddenForGood, type Box } from './clipping';
import { liveRange } from './hit-test';
import type { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';
import { mentionShown } from './shown-text';

/** The page's open modal dialog, if any (`:modal` is unknown to older browsers). */
export function openModal(): Element | null {
  try {
    return document.querySelector(':modal');
  } catch {
    return null;
  }
}

/** The accepted mention after `current` in document order, of `topic` if given,
 *  that the reader can see (a card for hidden text has nothing to point at). */
export function nextMention(index: MentionIndex, current: PageMention | null, topic?: TopicId): PageMention | null {
  // An open modal dialog makes the rest of the page inert: only its own mentions are reachable,
  // and the keyboard goes round them (the frames behind it are as inert). Elsewhere, none after
  // the last: the tab's next frame goes on.
  const modal = openModal();
  const round = modal !== null;
  const candidates = [...index.values()].filter(
    (m) => m.accepted && (!topic || m.topic === topic) && (!modal || modal.contains(m.nodes[0] ?? null)),
  );
  candidates.sort(byDocumentOrder);
  const after = current ? candidates.findIndex((m) => byDocumentOrder(m, current) > 0) : 0;
  if (after < 0 && !round) return null;
  const from = after < 0 ? 0 : after;
  for (let i = 0; i < (round ? candidates.length : candidates.length - from); i++) {
    const m = candidates[(from + i) % candidates.length]!;
    // (Where the check above misjudges, a mention without a box on the page is passed over
    // too: that is the card in the top-left corner.)
    if (!mentionShown(m)) continue;
    const boxes = liveRange(m).getClientRects();
    // Text a box the reader cannot scroll cuts off (an ellipsis, a clamped teaser): the card
    // would open and close at once.
    if (boxes.length > 0 && !hiddenForGood(boxes[0]!, m.nodes[0]?.parentElement ?? null)) return m;
  }
  return null;
}

function byDocumentOrder(a: PageMention, b: PageMention): number {
  if (a === b) return 0;
  const an = a.range.startContainer;
  const bn = b.range.startContainer;
  if (an === bn) return a.range.startOffset - b.range.startOffset;
  return an.compareDocumentPosition(bn) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The accepted mention with the words of `gone` (its topic, its text) nearest to where
 *  `gone` last stood, within two lines of it; null if none. */
export function sameWords(index: MentionIndex, gone: PageMention, at: Box): PageMention | null {
  let best: PageMention | null = null;
  let bestDistance = 2 * Math.max(at.bottom - at.top, 16);
  for (const m of index.values()) {
    if (!m.accepted || m.topic !== gone.topic || m.text !== gone.text) continue;
    const box = liveRange(m).getClientRects()[0];
    if (!box) continue;
    const distance = Math.hypot(box.left - at.left, box.top - at.top);
    if (distance <= bestDistance) [best, bestDistance] = [m, distance];
  }
  return best;
}
