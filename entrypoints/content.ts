// Starts the extension's work in a frame (src/frame-session.ts). All logic lives in src/; this
// file decides only where and when.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Prefilter } from '../src/match/prefilter';
// Validated at build time (src/cli/pack-module.ts).
import { prefilterSource } from 'virtual:context-overlays/pack';
import { startFrameSession } from '../src/frame-session';
import { whenFrameWorthScanning } from '../src/page/frame-wake';
import { runtimeAlive } from '../src/script-context';
import '../src/ui/highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  // In Chrome, top frames only: a subframe (most are ads and widgets) gets the small waiting
  // script instead (frame-wait.content.ts), and this work only once it holds something to
  // mark. Firefox's add-on linter flags the dynamic import that takes: there, every frame runs
  // this file, and a subframe waits here.
  allFrames: { firefox: true },
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // From the start, so settings are read and the page is matched while it loads
  // (src/page/parse-follower.ts); DOMContentLoaded then leaves only the last stretch.
  runAt: 'document_start',
  main() {
    if (typeof Highlight !== 'function') return; // (the rest of the check waits for the start)
    const prefilter = new Prefilter(prefilterSource);
    if (window === window.top) startFrameSession(prefilter);
    // (Firefox alone runs this in subframes, see allFrames.) A subframe starts only once it
    // holds something to mark (src/page/frame-wake.ts).
    else if (import.meta.env.FIREFOX) {
      void whenFrameWorthScanning(document, (text) => prefilter.mightMatch(text), runtimeAlive).then(() =>
        startFrameSession(prefilter),
      );
    }
  },
});
