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

export type ContentToBackground = { type: 'frame-report'; report: FrameReport };

/** Popup → content scripts of a tab (every frame answers by sending a fresh report). */
export type PopupToContent = { type: 'report-request' };

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
  const enabled = top?.enabled ?? false;
  return { site: top?.site ?? null, enabled, counts: enabled ? counts : {}, total: enabled ? total : 0 };
}

export function isContentToBackground(msg: unknown): msg is ContentToBackground {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'frame-report';
}
export function isPopupToContent(msg: unknown): msg is PopupToContent {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'report-request';
}
