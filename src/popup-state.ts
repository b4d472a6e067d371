// What the popup shows, kept current from storage: the tab's state (written by the
// background) and the settings. The view is a pure function of these (see src/ui/Popup.tsx).
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import {
  articlePath,
  summarizeTab,
  tabStateKey,
  type PageAnswer,
  type TabState,
  type TabSummary,
  type ToContent,
} from './messages';
import { topicList } from './pack/topic-list';
import type { TopicId } from './pack/types';
import { setSiteEnabled, settingsStore, updateSettings } from './settings';
import type { Settings } from './settings-schema';
import { isSiteEnabled } from './site-rules';
import { askTopPage, showNextMention } from './top-page';

export interface PopupActions {
  setEnabled(enabled: boolean): void;
  resume(): void;
  /** Scrolls the page to the topic's next mention and opens its card. */
  show(topic: TopicId): void;
  openArticle(): void;
  openSettings(): void;
}

export type PopupView =
  | { kind: 'loading' }
  | { kind: 'cannot-run'; actions: PopupActions }
  /** The tab shows the extension's own article reader: no content script runs there (it marks
   *  its text itself), and "can't run" would be wrong. */
  | { kind: 'reader'; actions: PopupActions }
  | {
      kind: 'page';
      site: string;
      enabled: boolean;
      paused: boolean;
      /** Topics found, in pack order, with their counts (empty: nothing found). */
      topics: { id: TopicId; title: string; gist: string; count: number }[];
      /** The page's numbers are not in yet (just switched on, still scanning). */
      pending: boolean;
      /** Titles of the topics the reader switched off in the settings (not looked for). */
      hidden: string[];
      /** The keyboard shortcut that opens the next mention's card, if one is set. */
      nextKey: string | null;
      actions: PopupActions;
    };

/** How long the popup waits for a content script to answer before saying it cannot run. */
const ANSWER_TIMEOUT_MS = 1500;
/** Times the top frame may not answer which page the tab is on before the popup gives up on
 *  it (a top frame whose script went with an extension reload never answers; frames may). */
const TOP_PAGE_SILENCES = 3;
/** Times it is asked at most while the popup is open (again when the tab has moved on). */
const TOP_PAGE_ASKS = 10;

export function connectPopup(tabId: number | null, show: (view: PopupView) => void, closePopup: () => void): void {
  let state: TabState | null = null;
  let settings: Settings | null = null;
  let contentAnswered: boolean | null = tabId === null ? false : null;
  /** The tab's top document (undefined until it answers, null if it does not): the stored
   *  state counts only once it is that page's. */
  let topPage: PageAnswer | null | undefined;
  let asks = 0;
  /** Unanswered asks in a row. */
  let silences = 0;
  let asking = false;
  /** The stored state's top document when the top frame was last asked: asked again only when
   *  the state has moved on to another (the tab's next page reported meanwhile). */
  let askedAt: string | null | undefined;
  const askTop = () => {
    if (asking || tabId === null || asks >= TOP_PAGE_ASKS) return;
    asking = true;
    asks++;
    askedAt = state?.topToken ?? null;
    void askTopPage(tabId).then((page) => {
      asking = false;
      topPage = page;
      silences = page === null ? silences + 1 : 0;
      if (page === null && silences < TOP_PAGE_SILENCES) askTop();
      update();
    });
  };
  let site: string | null = null;
  let onReader = false;
  if (tabId !== null) {
    // The extension sees its own pages' addresses, without the "tabs" permission.
    void browser.tabs.get(tabId).then(
      (tab) => {
        onReader = tab.url?.startsWith(browser.runtime.getURL(articlePath())) ?? false;
        if (onReader) update();
      },
      () => {},
    );
  }
  /** Undefined until the browser says (the summary is drawn once, with it). */
  let nextKey: string | null | undefined;
  // The shortcut as the reader has it (they may have changed it in the browser's settings;
  // Firefox for Android has no commands at all).
  void (browser.commands?.getAll() ?? Promise.resolve([])).then(
    (commands) => {
      nextKey = commands.find((c) => c.name === 'next-mention')?.shortcut || null;
      update();
    },
    () => {
      nextKey = null;
      update();
    },
  );

  const actions: PopupActions = {
    setEnabled: (on) => site && void setSiteEnabled(site, on),
    resume: () => void updateSettings((s) => ({ ...s, paused: false })),
    show: (topic) => {
      if (tabId === null) return;
      void showNextMention(tabId, state, topic).then((shown) => shown && closePopup());
    },
    openArticle: () => void browser.tabs.create({ url: browser.runtime.getURL(articlePath()) }),
    openSettings: () => void browser.runtime.openOptionsPage(),
  };

  const update = () => {
    if (onReader) return show({ kind: 'reader', actions });
    const summary = state ? summarizeTab(state) : null;
    site = summary?.site ?? null;
    // The stored state may still be the previous page's (the background keeps it until the
    // next page reports): shown only once it is the page the top frame says the tab is on.
    const current = topPage && state?.topToken === topPage.documentToken;
    if (topPage !== undefined && state && !current && state.topToken !== askedAt) askTop();
    const cannotRun = contentAnswered === false || (topPage === null && silences >= TOP_PAGE_SILENCES);
    if (
      cannotRun ||
      contentAnswered !== true ||
      !current ||
      !summary ||
      !site ||
      settings === null ||
      nextKey === undefined
    ) {
      show(cannotRun ? { kind: 'cannot-run', actions } : { kind: 'loading' });
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
      paused: current.paused,
      pending: enabled !== summary.enabled,
      topics:
        enabled && summary.enabled
          ? topicList
              .filter((t) => (summary.counts[t.id] ?? 0) > 0)
              .map((t) => ({ id: t.id, title: t.title, gist: t.gist, count: summary.counts[t.id] ?? 0 }))
          : [],
      hidden: topicList.filter((t) => current.hiddenTopics.includes(t.id)).map((t) => t.title),
      nextKey: nextKey ?? null,
      actions,
    };
  };

  void settingsStore.get().then((s) => {
    settings = s;
    update();
  });
  settingsStore.watch((s) => {
    settings = s;
    update();
  });
  if (tabId === null) return update();

  const key = tabStateKey(tabId);
  void storage.getItem<TabState>(key).then((s) => {
    state = s;
    update();
  });
  storage.watch<TabState>(key, (s) => {
    state = s;
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
  askTop();
}
