// Asks a tab's top frame which page the tab is on. Kept beside the message protocol: the
// background and the popup both need it.
import { browser } from 'wxt/browser';
import { isPageAnswer, type PageAnswer, type TabState, type ToContent } from './messages';
import type { TopicId } from './pack/types';

/** How long a top frame has to answer: one paused in a debugger or behind an alert must not
 *  hold up the tab's reports. */
const ANSWER_MS = 1000;

/** The tab's top document as its content script tells it; null where none runs (or it does
 *  not answer in time). */
export async function askTopPage(tabId: number): Promise<PageAnswer | null> {
  const ask: ToContent = { type: 'page-request' };
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_MS));
  const answer: unknown = await Promise.race([
    browser.tabs.sendMessage(tabId, ask, { frameId: 0 }).catch(() => null),
    timeout,
  ]);
  return isPageAnswer(answer) ? answer : null;
}

/** Opens the next mention (of `topic`) from the keyboard path: in the top frame, else in the
 *  first frame that counted one (a page whose mentions are all in a frame). True if shown. */
export async function showNextMention(tabId: number, state: TabState | null, topic?: TopicId): Promise<boolean> {
  const ask: ToContent = topic ? { type: 'next-mention', topic } : { type: 'next-mention' };
  const frameIds = [
    0,
    ...Object.entries(state?.frames ?? {})
      .filter(([id, frame]) => {
        const found = topic ? [frame.counts[topic] ?? 0] : Object.values(frame.counts);
        return id !== '0' && found.some((n) => n > 0);
      })
      .map(([id]) => Number(id)),
  ];
  for (const frameId of frameIds) {
    const shown: unknown = await browser.tabs.sendMessage(tabId, ask, { frameId }).catch(() => false);
    if (shown === true) return true;
  }
  return false;
}
