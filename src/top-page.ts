// Asks a tab's top frame which page the tab is on. Kept beside the message protocol: the
// background and the popup both need it.
import { browser } from 'wxt/browser';
import { isPageAnswer, type NextStep, type PageAnswer, type TabState, type ToContent } from './messages';
import type { TopicId } from './pack/types';

/** How long a top frame has to answer: one paused in a debugger or behind an alert must not
 *  hold up the tab's reports. */
const ANSWER_MS = 1000;

/** The tab's top document as its content script tells it; null where none runs (or it does
 *  not answer in time). */
export async function askTopPage(tabId: number): Promise<PageAnswer | null> {
  const answer = await ask(tabId, 0, { type: 'page-request' }, null);
  return isPageAnswer(answer) ? answer : null;
}

/** A frame's answer to `message`, or `none` when it has no content script or takes longer
 *  than ANSWER_MS. */
function ask(tabId: number, frameId: number, message: ToContent, none: unknown): Promise<unknown> {
  const timeout = new Promise((resolve) => setTimeout(() => resolve(none), ANSWER_MS));
  return Promise.race([browser.tabs.sendMessage(tabId, message, { frameId }).catch(() => none), timeout]);
}

/** The last press on each tab, while it is going on. */
const pressesByTab = new Map<number, Promise<unknown>>();

/** Opens the next mention (of `topic`) from the keyboard path, through the tab's frames in
 *  turn: the top frame's mentions, then those of each frame that counted one, round to the
 *  top again. True if shown. Presses on one tab go one after another: a second press while a
 *  frame still readies its first card goes on from that card. */
export function showNextMention(tabId: number, state: TabState | null, topic?: TopicId): Promise<boolean> {
  const next = (pressesByTab.get(tabId) ?? Promise.resolve()).then(() => stepThroughFrames(tabId, state, topic));
  const done = next.catch(() => false);
  pressesByTab.set(tabId, done);
  void done.then(() => pressesByTab.get(tabId) === done && pressesByTab.delete(tabId));
  return next;
}

async function stepThroughFrames(tabId: number, state: TabState | null, topic?: TopicId): Promise<boolean> {
  const frameIds = [
    0,
    ...Object.entries(state?.frames ?? {})
      .filter(([id, frame]) => {
        const found = topic ? [frame.counts[topic] ?? 0] : Object.values(frame.counts);
        return id !== '0' && found.some((n) => n > 0);
      })
      .map(([id]) => Number(id)),
  ];
  // (A frame busy or paused in a debugger must not hold up the reader's key: past a second,
  // it has nothing to show.)
  const step = (frameId: number, step: NextStep) =>
    ask(tabId, frameId, { type: 'next-mention', ...(topic ? { topic } : {}), step }, 'none');
  // The frame whose card the keyboard is on goes on to its next mention; past its last, the
  // next frame starts from its first.
  let from = 0;
  let passed = false;
  for (let i = 0; i < frameIds.length; i++) {
    const answer = await step(frameIds[i]!, 'continue');
    if (answer === 'shown') return true;
    if (answer === 'end' || answer === 'passed') {
      from = i + 1;
      passed = answer === 'passed';
      break;
    }
  }
  for (let k = 0; k < frameIds.length; k++) {
    if ((await step(frameIds[(from + k) % frameIds.length]!, 'first')) === 'shown') return true;
  }
  // A frame's card closed to pass on a focus from the top page, and no card took it (the
  // frames' mentions went meanwhile): it goes back to where it was there.
  if (passed) void ask(tabId, 0, { type: 'focus-back' }, undefined);
  return false;
}
