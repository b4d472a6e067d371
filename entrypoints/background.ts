// Keeps what each tab's frames found (for the popup) and shows the count on the badge.
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
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
import { keepSettingsCurrent, setSiteEnabled, settingsStore, watchWrites } from '../src/settings';
import { keepSettingsHint } from '../src/settings-hint';
import { isSiteEnabled } from '../src/site-rules';
import { toolbarAction } from '../src/toolbar-action';
import { askTopPage, showNextMention } from '../src/top-page';

export default defineBackground(() => {
  // As it starts (an update starts it), and from then on.
  keepSettingsCurrent();
  const readSettings = () => settingsStore.get();
  void keepSettingsHint(readSettings, false);
  watchWrites(() => void keepSettingsHint(readSettings));
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
    // (A page prerendered in the tab reports as a top frame under another frame id: it says
    // so again once shown, as frame 0.)
    if (report.top && frameId !== 0) return;
    if (report.top && report.documentToken !== state.topToken) {
      // A new page in the tab: what its previous page's frames found no longer counts.
      state = { topToken: report.documentToken, frames: {} };
    } else if (!report.top) {
      const current = await onCurrentPage(tabId, state);
      if (!current) return; // a frame of a page the tab has left, or is leaving
      state = current;
    }
    state.frames[String(frameId)] = report;
    await save(tabId, state);
    // A grey icon says "off for this site". Set at each of the top frame's reports (they are
    // few): a page restored from the back/forward cache reports the same as before it left.
    if (report.top) await toolbarAction().setIcon({ tabId, path: toolbarIconPaths(report.enabled ? 'on' : 'off') });
  };
  /** The stored state, or a fresh one if the tab has moved on to a page whose top frame has
   *  not reported (the extension is on there and found nothing): a frame's report or farewell
   *  must not land among the previous page's. Null while the top frame does not answer (the
   *  tab is between two pages, or on one where the extension cannot run). */
  const onCurrentPage = async (tabId: number, state: TabState): Promise<TabState | null> => {
    const page = await askTopPage(tabId);
    if (!page) return null;
    return page.documentToken !== state.topToken ? { topToken: page.documentToken, frames: {} } : state;
  };
  const forget = async (tabId: number, frameId: number, documentToken: string) => {
    const stored = await storage.getItem<TabState>(tabStateKey(tabId));
    if (!stored) return;
    const state = await onCurrentPage(tabId, stored);
    // Only that document's report goes: the frame's next one may have reported already. (A
    // state started afresh for a new page holds none of the previous page's.)
    if (state === stored || state === null) {
      if (stored.frames[String(frameId)]?.documentToken !== documentToken) return;
      delete stored.frames[String(frameId)];
    }
    // Between pages (or the top frame does not answer), the badge is left alone: the browser
    // resets it with the page.
    if (state === null) return storage.setItem(tabStateKey(tabId), stored);
    await save(tabId, state);
  };
  const save = async (tabId: number, state: TabState) => {
    await storage.setItem(tabStateKey(tabId), state);
    const { total } = summarizeTab(state);
    await toolbarAction().setBadgeText({ tabId, text: total > 0 ? (total > 999 ? '999+' : String(total)) : '' });
  };

  // The card's UI into the frame that asks, in its content script's world (src/page/card-ui.ts),
  // at once rather than at the frame's document_idle. That document only: the frame may
  // have moved on since it asked.
  const runCardUi = async (tabId: number, sender: Browser.runtime.MessageSender): Promise<boolean> => {
    await browser.scripting.executeScript({
      target: {
        tabId,
        ...(sender.documentId ? { documentIds: [sender.documentId] } : { frameIds: [sender.frameId ?? 0] }),
      },
      files: ['/card-ui.js'],
      injectImmediately: true,
    });
    return true;
  };

  /** Documents showing a card the keyboard's focus is not in (see `card-shown`). */
  const cardsWithoutFocus = new Set<string>();
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
    if (message.type === 'focus-back') {
      const back: ToContent = { type: 'focus-back' };
      if ((sender.frameId ?? 0) !== 0) browser.tabs.sendMessage(tabId, back, { frameId: 0 }).catch(() => {});
      return;
    }
    // A card in one frame, the keyboard's focus in another: all frames of the tab hear of it
    // (the sender tells itself by the token), and an Escape in any closes it.
    if (message.type === 'card-shown' || message.type === 'escape') {
      const relayed: ToContent =
        message.type === 'escape'
          ? { type: 'close-card' }
          : { type: 'card-elsewhere', shown: message.shown, documentToken: message.documentToken };
      if (message.type === 'card-shown') cardsWithoutFocus[message.shown ? 'add' : 'delete'](message.documentToken);
      browser.tabs.sendMessage(tabId, relayed).catch(() => {});
      return;
    }
    // (Firefox bundles the card's UI into the content script, and asks for no `scripting`.)
    if (message.type === 'card-ui') return import.meta.env.FIREFOX ? undefined : runCardUi(tabId, sender);
    if (message.type === 'frame-gone') {
      // A frame that went with its card shown (taken out of the page, navigated) says nothing
      // more: the others stop passing Escape on to it.
      if (cardsWithoutFocus.delete(message.documentToken)) {
        const gone: ToContent = { type: 'card-elsewhere', shown: false, documentToken: message.documentToken };
        browser.tabs.sendMessage(tabId, gone).catch(() => {});
      }
      enqueue(tabId, () => forget(tabId, sender.frameId ?? 0, message.documentToken));
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
      // The top frame leads the keyboard path; a page whose mentions are all in a frame, that frame.
      await showNextMention(tab.id, await storage.getItem<TabState>(tabStateKey(tab.id)));
    } else if (command === 'toggle-site') {
      // Without the "tabs" permission we cannot read the tab's URL: its top frame's content
      // script tells the site. No answer: the extension cannot run there, nothing to switch.
      const site = (await askTopPage(tab.id))?.site;
      if (!site) return;
      const settings = await settingsStore.get();
      await setSiteEnabled(site, !isSiteEnabled(site, settings));
    }
  };
  browser.commands.onCommand.addListener((command) => void runCommand(command));
  (globalThis as { contextOverlaysRunCommand?: typeof runCommand }).contextOverlaysRunCommand = runCommand;

  // No state is cleared when a navigation starts: Chromium says "loading" for a frame's
  // navigation too (an ad rotating), which is no new page. A new page's top frame reports
  // under a new document token, which starts the tab's state afresh; the badge and icon set
  // for a tab go back to the defaults by themselves when it navigates; and the popup asks the
  // frames before it shows anything (popup-state.ts).
  browser.tabs.onRemoved.addListener((tabId) => {
    enqueue(tabId, () => storage.removeItem(tabStateKey(tabId)));
  });
  void toolbarAction().setBadgeBackgroundColor({ color: '#4b5563' });
});
