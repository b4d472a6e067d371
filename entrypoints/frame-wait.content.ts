// What a Chrome subframe runs from the start: a wait for something worth marking
// (src/page/frame-wake.ts), then the session from its own file. Top frames run the content
// script itself (entrypoints/content.ts); this returns at once there.
import { defineContentScript } from 'wxt/utils/define-content-script';
// WXT's bare `browser` (Chrome's `chrome`), not webextension-polyfill: the wait needs only
// `runtime.id` and `runtime.getURL`, which are the same either way, and the polyfill's own
// start cost each frame about a third of a millisecond (README, Performance). The session
// the frame imports uses the polyfill.
import { browser } from '@wxt-dev/browser';
import { Prefilter } from '../src/match/prefilter';
// Validated at build time (src/cli/pack-module.ts).
import { prefilterSource } from 'virtual:context-overlays/pack';
import { loadFrameSession } from '../src/page/frame-session-file';
import { whenFrameWorthScanning } from '../src/page/frame-wake';
// The marks' styles, for the frame's own document.
import '../src/ui/highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  runAt: 'document_start',
  exclude: ['firefox'],
  main() {
    if (window === window.top || typeof Highlight !== 'function') return;
    const prefilter = new Prefilter(prefilterSource);
    void whenFrameWorthScanning(
      document,
      (text) => prefilter.mightMatch(text),
      () => browser.runtime?.id != null,
    )
      .then(() => loadFrameSession(browser.runtime.getURL('/frame-session.js')))
      .then((start) => start(prefilter))
      // The extension was reloaded or removed meanwhile: its file is gone with it.
      .catch(() => {});
  },
});
