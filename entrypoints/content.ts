// Wires the frame overlay to the reader's settings and to the background. All logic lives in
// src/; this file decides only when the overlay runs and whom it tells.
// Validated at build time (src/cli/pack-module.ts), with the prefilter's source. (Imported first:
// the bundle comes out 15 bytes smaller gzipped, against issue 6's 30 KB.)
import { pagePack, matcherSource, prefilterSource, topicIds } from 'virtual:context-overlays/pack';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import { Matcher } from '../src/match/matcher';
import { Prefilter } from '../src/match/prefilter';
import { articlePath, isToContent, type ContentToBackground, type PageAnswer } from '../src/messages';
import { loadCardUi } from '../src/page/card-ui';
import { startFrameOverlay, type FrameOverlay } from '../src/page/frame-overlay';
import { startFrameReporter } from '../src/page/frame-reporter';
import { watchDocumentRewritten } from '../src/page/document-rewrite';
import { relayEscape } from '../src/page/escape-relay';
import { defaultsHinted } from '../src/page/defaults-hint';
import { whenFrameWorthScanning } from '../src/page/frame-wake';
import { highlightApiAvailable } from '../src/page/highlight-layer';
import { after } from '../src/page/timers';
import { applyHighlightStyle } from '../src/page/highlight-style';
import { runtimeAlive, ScriptContext } from '../src/script-context';
import { pageSettingsStore } from '../src/settings';
import { DEFAULT_SETTINGS, type Settings } from '../src/settings-schema';
import { isSiteEnabled, PAGE_PATTERNS, siteOf } from '../src/site-rules';
import '../src/ui/highlights.css';

export default defineContentScript({
  matches: PAGE_PATTERNS,
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // From the start, so settings are read and the page is matched while it loads
  // (src/page/parse-follower.ts); DOMContentLoaded then leaves only the last stretch.
  runAt: 'document_start',
  main() {
    if (typeof Highlight !== 'function') return; // (the rest of the check waits for the start)
    const prefilter = new Prefilter(prefilterSource());
    // A subframe starts only once it holds something to mark (src/page/frame-wake.ts).
    if (window === window.top) runInFrame(prefilter, true);
    else {
      void whenFrameWorthScanning(document, (text) => prefilter.mightMatch(text), runtimeAlive).then(() =>
        runInFrame(prefilter, false),
      );
    }
  },
});

/** The overlay in this frame, run with the reader's settings and reported to the background. */
function runInFrame(prefilter: Prefilter, top: boolean): void {
  if (!highlightApiAvailable()) return;
  const ctx = new ScriptContext();
  if (ctx.isInvalid) return; // the extension went while a subframe waited
  const site = siteOf(topPageUrl());
  const documentToken = Math.random().toString(36).slice(2);
  /** The running overlay and the settings it was started with. */
  let overlay: { stop: AbortController; view: FrameOverlay; key: string; settings: Settings } | null = null;
  // One look a second, in one task (a timer of its own for each cost the page a task of
  // 0.08–0.68 ms on the benchmark's infinite scroll): is the extension still here (Chrome tells
  // a content script nothing when it goes), and are the marks still registered (a page's
  // find-in-page box may clear the registry, ours included).
  ctx.poll(() => overlay?.view.restore());

  const tell = (message: ContentToBackground) => {
    if (ctx.isInvalid) return;
    // Do not await: a background that is restarting must not break the page's marks.
    browser.runtime.sendMessage(message).catch(() => {});
  };
  const escapes = relayEscape(() => tell({ type: 'escape' }), ctx.signal);
  const reporter = startFrameReporter({
    documentToken,
    top,
    site,
    current: () => ({ enabled: overlay !== null, counts: overlay?.view.counts() ?? {} }),
    countsLookAtPage: () => overlay?.view.any() ?? false,
    tell,
    signal: ctx.signal,
  });

  const stop = () => {
    overlay?.stop.abort();
    overlay = null;
  };
  const start = (settings: Settings, key: string) => {
    const abort = new AbortController();
    const topics = topicIds.filter((id) => !settings.hiddenTopics.includes(id));
    const view = startFrameOverlay(
      {
        topics,
        prefilter,
        matcher: () => {
          const pack = pagePack();
          // (The regex made at build time fits any of the pack's topics: see Matcher.)
          return new Matcher({ ...pack, topics: pack.topics.filter((t) => topics.includes(t.id)) }, matcherSource());
        },
        // Firefox bundles the card's UI (its add-on linter flags a dynamic import); in Chrome
        // the background runs its file in this frame (src/page/card-ui.ts).
        cardUi: import.meta.env.FIREFOX
          ? () => import('../src/ui/render-card').then((m) => m.cardUi)
          : () => loadCardUi(() => browser.runtime.sendMessage({ type: 'card-ui' } satisfies ContentToBackground)),
        hoverDelays: { showMs: settings.hoverDelayMs, hideMs: 300 },
        onCounts: () => reporter.soon(),
        openArticle: (sentence) => tell({ type: 'open-article', ...(sentence ? { sentence } : {}) }),
        articleUrl: (sentence) => browser.runtime.getURL(articlePath(sentence)),
        focusBackOutside: () => tell({ type: 'focus-back' }),
        cardWithoutFocus: (shown) => tell({ type: 'card-shown', shown, documentToken }),
      },
      abort.signal,
    );
    const unstyle = applyHighlightStyle(settings.highlightStyle, topics);
    abort.signal.addEventListener('abort', unstyle);
    overlay = { stop: abort, view, key, settings };
  };
  watchDocumentRewritten(
    document,
    () => {
      if (!overlay || ctx.isInvalid) return;
      const { settings, key } = overlay;
      stop();
      start(settings, key);
    },
    ctx.signal,
  );

  // Applies settings at once, without a reload: off clears everything; a change in what
  // the overlay was built with restarts it; anything else leaves it running. A change is
  // reported at once (the reader just made it); the first state with the counts that follow
  // within 100 ms, in one message (each costs the page about 0.2 ms, and wakes the background).
  const apply = (settings: Settings, first = false) => {
    if (ctx.isInvalid) return;
    const enabled = isSiteEnabled(site, settings);
    const key = JSON.stringify([settings.hiddenTopics, settings.hoverDelayMs, settings.highlightStyle]);
    if (overlay && (!enabled || overlay.key !== key)) stop();
    if (enabled && !overlay) start(settings, key);
    // A page where the extension is on and finds nothing has nothing to say: the popup asks
    // when it opens, and the badge and icon set for a tab go back to the defaults by themselves
    // on navigation. So most pages never wake the background at all.
    if (first) reporter.soon(!enabled);
    else reporter.now();
  };

  let stored = false;
  void pageSettingsStore.get().then((settings) => {
    stored = true;
    apply(settings, true);
  });
  // Settings that draw as the defaults (most readers') have the background's hint run just
  // after this script (src/settings-hint.ts): the page is followed from its first task, not
  // from when storage answers, which on a long page can be after its first layout. (Not in a
  // subframe: it starts once it holds something to mark, and by then the hint may be stale.)
  if (!import.meta.env.FIREFOX && top) {
    after(0, () => stored || !defaultsHinted() || apply(DEFAULT_SETTINGS, true));
  }
  const unwatch = pageSettingsStore.watch(apply);
  const onMessage = (message: unknown) => {
    if (!isToContent(message)) return undefined;
    if (message.type === 'next-mention') {
      return overlay ? overlay.view.stepNext(message.topic, message.step) : Promise.resolve('none');
    }
    if (message.type === 'page-request') return Promise.resolve({ documentToken, site } satisfies PageAnswer);
    if (message.type === 'focus-back') {
      overlay?.view.takeFocusBack();
      return undefined;
    }
    if (message.type === 'card-elsewhere') {
      if (message.documentToken !== documentToken) escapes.cardElsewhere(message.shown, message.documentToken);
      return undefined;
    }
    if (message.type === 'close-card') {
      overlay?.view.dismiss();
      return undefined;
    }
    // The popup opened: what the reader can see is looked at afresh.
    overlay?.view.forget();
    reporter.now();
    return Promise.resolve(true); // tells the popup a content script runs in this tab
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    // The page first: with the extension gone, the runtime calls below may throw.
    stop();
    try {
      unwatch();
      browser.runtime.onMessage.removeListener(onMessage);
    } catch {
      // "Extension context invalidated": its listeners went with it.
    }
  });
}

/** The URL whose site decides for this frame: the tab's top page, so switching a site off
 *  also clears its embedded frames. Chromium tells frames their ancestors' origins. */
function topPageUrl(): string {
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[ancestors.length - 1] ?? location.href;
  if (location.protocol === 'about:' || location.protocol === 'data:') return self.origin;
  return location.href;
}
