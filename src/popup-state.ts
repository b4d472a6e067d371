// What the popup shows, kept current from storage: the tab's state (written by the
// background) and the settings. The view is a pure function of these (see src/ui/Popup.tsx).
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { summarizeTab, tabStateKey, type ToContent, type TabState, type TabSummary } from './messages';
import { bundledPack } from './pack/bundled';
import { setSiteEnabled, settingsItem } from './settings';
import type { Settings } from './settings-schema';
import { isSiteEnabled } from './site-rules';

export type PopupView =
  | { kind: 'loading' }
  | { kind: 'cannot-run' }
  | {
      kind: 'page';
      site: string;
      enabled: boolean;
      /** Topics found, in pack order, with their counts (empty: nothing found). */
      topics: { id: string; title: string; gist: string; count: number }[];
      /** The page's numbers are not in yet (just switched on, still scanning). */
      pending: boolean;
      setEnabled(enabled: boolean): void;
    };

/** How long the popup waits for a content script to answer before saying it cannot run. */
const ANSWER_TIMEOUT_MS = 1500;

export function connectPopup(tabId: number | null, show: (view: PopupView) => void): void {
  if (tabId === null) return show({ kind: 'cannot-run' });
  let state: TabState | null = null;
  let settings: Settings | null = null;
  let contentAnswered: boolean | null = null;

  const update = () => {
    const summary = state ? summarizeTab(state) : null;
    const site = summary?.site;
    if (!summary || !site || settings === null) {
      show(contentAnswered === false ? { kind: 'cannot-run' } : { kind: 'loading' });
      return;
    }
    show(pageView({ ...summary, site }, settings));
  };
  const pageView = (summary: TabSummary & { site: string }, current: Settings): PopupView => {
    const enabled = isSiteEnabled(summary.site, current);
    return {
      kind: 'page',
      site: summary.site,
      enabled,
      pending: enabled !== summary.enabled,
      topics:
        enabled && summary.enabled
          ? bundledPack.topics
              .filter((t) => (summary.counts[t.id] ?? 0) > 0)
              .map((t) => ({ id: t.id, title: t.title, gist: t.gist, count: summary.counts[t.id] ?? 0 }))
          : [],
      setEnabled: (on) => void setSiteEnabled(summary.site, on),
    };
  };

  const key = tabStateKey(tabId);
  void storage.getItem<TabState>(key).then((s) => {
    state = s;
    update();
  });
  storage.watch<TabState>(key, (s) => {
    state = s;
    update();
  });
  void settingsItem.getValue().then((s) => {
    settings = s;
    update();
  });
  settingsItem.watch((s) => {
    settings = s;
    update();
  });

  // Ask every frame to report afresh, so the numbers are the page's current ones; no answer
  // means no content script runs there (browser pages, the web stores, the PDF viewer).
  const ask: ToContent = { type: 'report-request' };
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ANSWER_TIMEOUT_MS));
  void Promise.race([
    browser.tabs.sendMessage(tabId, ask).then(
      (answer) => answer === true,
      () => false,
    ),
    timeout,
  ]).then((answered) => {
    contentAnswered = answered;
    update();
  });
}
