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

  const record = async (tabId: number, frameId: number, report: FrameReport) => {
    const key = tabStateKey(tabId);
    let state = (await storage.getItem<TabState>(key)) ?? { topToken: null, frames: {} };
    const before = state.frames[String(frameId)];
    // The top frame speaks for the tab's site; set its icon only on a new page or a switch.
    const iconChanged =
      report.top && (before?.documentToken !== report.documentToken || before.enabled !== report.enabled);
    if (report.top && report.documentToken !== state.topToken) {
      // A new page in the tab: what its previous page's frames found no longer counts.
      state = { topToken: report.documentToken, frames: {} };
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
    if (change.status === 'loading') enqueue(tabId, () => storage.removeItem(tabStateKey(tabId)));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    enqueue(tabId, () => storage.removeItem(tabStateKey(tabId)));
  });
  void toolbarAction().setBadgeBackgroundColor({ color: '#4b5563' });
});
