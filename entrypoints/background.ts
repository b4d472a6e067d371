// Keeps what each tab's frames found (for the popup) and shows the count on the badge.
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import {
  articlePath,
  isContentToBackground,
  summarizeTab,
  tabStateKey,
  type FrameReport,
  type TabState,
  type ToContent,
} from '../src/messages';
import { toolbarIconPaths } from '../src/icons';
import { setSiteEnabled, settingsStore } from '../src/settings';
import { isSiteEnabled } from '../src/site-rules';
import { toolbarAction } from '../src/toolbar-action';

/** How long after a tab has loaded its frames have to report before they are asked (a new
 *  page's first report comes 100 ms after it is parsed). */
const REPORT_AFTER_LOAD_MS = 300;

export default defineBackground(() => {
  // One queue per tab: frames report concurrently and each update reads the previous state.
  const queues = new Map<number, Promise<void>>();
  const enqueue = (tabId: number, task: () => Promise<void>) => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
    queues.set(
      tabId,
      next.catch(() => {}),
    );
  };

  /** Each tab's top document when its state was last cleared. A frame's navigation clears it
   *  too, and the page's own document that reports again then is no new page: the frames that
   *  reported since stay. */
  const clearedTop = new Map<number, string | null>();

  const record = async (tabId: number, frameId: number, report: FrameReport) => {
    const key = tabStateKey(tabId);
    let state = (await storage.getItem<TabState>(key)) ?? { topToken: null, frames: {} };
    const before = state.frames[String(frameId)];
    // The top frame speaks for the tab's site; set its icon only on a new page or a switch.
    const iconChanged =
      report.top && (before?.documentToken !== report.documentToken || before.enabled !== report.enabled);
    if (report.top && report.documentToken !== state.topToken) {
      // A new page in the tab: what its previous page's frames found no longer counts.
      const samePage = state.topToken === null && clearedTop.get(tabId) === report.documentToken;
      state = { topToken: report.documentToken, frames: samePage ? state.frames : {} };
    }
    state.frames[String(frameId)] = report;
    await storage.setItem(key, state);
    const { total } = summarizeTab(state);
    await toolbarAction().setBadgeText({ tabId, text: total > 0 ? (total > 999 ? '999+' : String(total)) : '' });
    // A grey icon says "off for this site".
    if (iconChanged) await toolbarAction().setIcon({ tabId, path: toolbarIconPaths(report.enabled ? 'on' : 'off') });
  };

  browser.runtime.onMessage.addListener((message, sender) => {
    const tabId = sender.tab?.id;
    if (!isContentToBackground(message) || tabId === undefined) return;
    if (message.type === 'open-article') {
      void browser.tabs.create({
        url: browser.runtime.getURL(articlePath(message.sentence)),
        index: (sender.tab?.index ?? 0) + 1,
      });
      return;
    }
    enqueue(tabId, () => record(tabId, sender.frameId ?? 0, message.report));
  });

  // Keyboard commands (manifest `commands`). Kept as one named function so the end-to-end
  // tests can run it: headless Chromium cannot press a browser-level shortcut.
  const runCommand = async (command: string): Promise<void> => {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id === undefined) return;
    if (command === 'next-mention') {
      const ask: ToContent = { type: 'next-mention' };
      // The top frame leads the keyboard path; it answers false when the page has no mention.
      await browser.tabs.sendMessage(tab.id, ask, { frameId: 0 }).catch(() => false);
    } else if (command === 'toggle-site') {
      // The content script told us the tab's site; without the "tabs" permission we cannot
      // read the URL ourselves. No site: nothing to switch (the extension cannot run there).
      const state = await storage.getItem<TabState>(tabStateKey(tab.id));
      const site = state ? summarizeTab(state).site : null;
      if (!site) return;
      const settings = await settingsStore.get();
      await setSiteEnabled(site, !isSiteEnabled(site, settings));
    }
  };
  browser.commands.onCommand.addListener((command) => void runCommand(command));
  (globalThis as { contextOverlaysRunCommand?: typeof runCommand }).contextOverlaysRunCommand = runCommand;

  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A navigation starts: never show the previous page's numbers. The new page's content
    // script reports again; a page where it cannot run leaves no state ("can't run here").
    if (change.status === 'loading') {
      enqueue(tabId, async () => {
        const state = await storage.getItem<TabState>(tabStateKey(tabId));
        if (state?.topToken) clearedTop.set(tabId, state.topToken);
        await storage.removeItem(tabStateKey(tabId));
      });
    }
    // A frame's navigation (an ad rotating) marks the tab loading too, and its state went,
    // while the page itself has nothing new to say: without its site the toggle-site command
    // did nothing. Once the tab has loaded, if the top frame has not reported since, ask all.
    if (change.status === 'complete') {
      setTimeout(
        () =>
          enqueue(tabId, async () => {
            const state = await storage.getItem<TabState>(tabStateKey(tabId));
            if (state && summarizeTab(state).site !== null) return;
            const ask: ToContent = { type: 'report-request' };
            await browser.tabs.sendMessage(tabId, ask).catch(() => {}); // none there: none runs
          }),
        REPORT_AFTER_LOAD_MS,
      );
    }
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    clearedTop.delete(tabId);
    enqueue(tabId, () => storage.removeItem(tabStateKey(tabId)));
  });
  void toolbarAction().setBadgeBackgroundColor({ color: '#4b5563' });
});
