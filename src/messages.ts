// The one message protocol between the extension's parts, named by direction.
import type { TopicId } from './pack/types';

/** What the content script in one frame found, sent whenever it changes. */
export interface FrameReport {
  /** New for every document, so the background can tell a new page from an update. */
  documentToken: string;
  top: boolean;
  /** Site of the tab's top page (see siteOf); null where the extension cannot run. */
  site: string | null;
  enabled: boolean;
  counts: Record<TopicId, number>;
}

export type ContentToBackground =
  | { type: 'frame-report'; report: FrameReport }
  /** The frame's document is going (a frame navigating away or taken out of the page): what
   *  it reported no longer counts, unless a newer document of the frame has reported since. */
  | { type: 'frame-gone'; documentToken: string }
  /** Open the bundled article (article.html), at a sentence if given. Pages cannot link to
   *  extension pages, so the card asks the background to open it. */
  | { type: 'open-article'; sentence?: string }
  /** A card the keyboard opened in this frame closed, and the focus had come from another
   *  frame: the top frame puts it back (see ToContent's `focus-back`). */
  | { type: 'focus-back' }
  /** Chrome: run the card's UI (card-ui.js) in this frame's content-script world, the first
   *  time a card is wanted here (src/page/card-ui.ts). Answers true once it has run. */
  | { type: 'card-ui' }
  /** This frame shows a card (`shown`) or no longer does, opened while the keyboard's focus
   *  was in another document: keys go there, so an Escape there must close it (the tab's
   *  frames are told: ToContent's `card-elsewhere`). */
  | { type: 'card-shown'; shown: boolean; documentToken: string }
  /** Escape was pressed here while another frame of the tab shows such a card (ToContent's
   *  `close-card`). */
  | { type: 'escape' };

/** Popup or background → content scripts of a tab. */
export type ToContent =
  /** Every frame answers by sending a fresh report. */
  | { type: 'report-request' }
  /** The top frame answers with its document and site (a PageAnswer). */
  | { type: 'page-request' }
  /** Move to the next mention (of `topic`, if given) in reading order and open its card
   *  with focus in it: the keyboard path to the cards, one frame's step of it (answers a
   *  NextAnswer, see src/top-page.ts). */
  | { type: 'next-mention'; topic?: TopicId; step: NextStep }
  /** To the top frame: the keyboard's card in a frame closed; the focus goes back to where it
   *  was in the top page before the keyboard's path went into the frames, if it is still in
   *  a frame. */
  | { type: 'focus-back' }
  /** The frame of document `documentToken` shows a card the keyboard's focus is not in, or no
   *  longer does: while it does, an Escape in any other frame is passed on to close it. */
  | { type: 'card-elsewhere'; shown: boolean; documentToken: string }
  /** Escape was pressed in another frame: a frame showing a card closes it. */
  | { type: 'close-card' };

/** The keyboard's next mention across a tab's frames: `continue` from the card a frame shows
 *  (to its next mention; none after it: close the card), `first` of the frame's mentions. */
export type NextStep = 'continue' | 'first';
/** `shown`: a card opened; `end`: the frame's card was on its last mention, and closed;
 *  `passed`: the same, and that card held a focus that had come from another frame, which it
 *  passed on (the top frame takes it back if no card does); `none`: nothing to go on from (no
 *  card, or no mention). */
export type NextAnswer = 'shown' | 'end' | 'passed' | 'none';

/** The tab's top document as its content script tells it. A page where the extension finds
 *  nothing does not report, so the background and the popup ask it which page the tab is on
 *  (the stored state may still be the previous page's). */
export interface PageAnswer {
  documentToken: string;
  site: string | null;
}

export function isPageAnswer(answer: unknown): answer is PageAnswer {
  return (
    typeof answer === 'object' &&
    answer !== null &&
    typeof (answer as PageAnswer).documentToken === 'string' &&
    (typeof (answer as PageAnswer).site === 'string' || (answer as PageAnswer).site === null)
  );
}

/** All frames of one tab, as the background keeps it (in session storage, so a restarted
 *  service worker and the popup see the same thing). */
export interface TabState {
  topToken: string | null;
  frames: Record<string, FrameReport>;
}

export const tabStateKey = (tabId: number) => `session:tab-state:${tabId}` as const;

export interface TabSummary {
  site: string | null;
  enabled: boolean;
  counts: Record<TopicId, number>;
  total: number;
}

/** Sums the frames of a tab into what the popup and the badge show. */
export function summarizeTab(state: TabState): TabSummary {
  const top = Object.values(state.frames).find((f) => f.top) ?? null;
  const counts: Record<TopicId, number> = {};
  let total = 0;
  for (const frame of Object.values(state.frames)) {
    if (!frame.enabled) continue;
    for (const [topic, n] of Object.entries(frame.counts)) {
      counts[topic] = (counts[topic] ?? 0) + n;
      total += n;
    }
  }
  // A top page where the extension is on and found nothing says nothing until asked: its
  // frames' counts stand meanwhile (each frame decides under the top page's site too).
  const enabled = top ? top.enabled : Object.values(state.frames).some((f) => f.enabled);
  return { site: top?.site ?? null, enabled, counts: enabled ? counts : {}, total: enabled ? total : 0 };
}

const typeOf = (msg: unknown): unknown =>
  typeof msg === 'object' && msg !== null ? (msg as { type?: unknown }).type : undefined;

export function isContentToBackground(msg: unknown): msg is ContentToBackground {
  const type = typeOf(msg);
  return (
    type === 'frame-report' ||
    type === 'frame-gone' ||
    type === 'open-article' ||
    type === 'focus-back' ||
    type === 'card-ui' ||
    type === 'card-shown' ||
    type === 'escape'
  );
}
export function isToContent(msg: unknown): msg is ToContent {
  const type = typeOf(msg);
  return (
    type === 'report-request' ||
    type === 'page-request' ||
    type === 'next-mention' ||
    type === 'focus-back' ||
    type === 'card-elsewhere' ||
    type === 'close-card'
  );
}

/** The reader page's URL, at a sentence if given (contract 8). */
export const articlePath = (sentence?: string) => `/article.html${sentence ? `#${sentence}` : ''}` as const;
