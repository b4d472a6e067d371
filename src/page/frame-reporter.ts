// What one frame tells the background about itself (src/messages.ts, FrameReport), and when.
//
// Each report wakes the background and writes the tab's state, so a frame says something only
// when it has something new to say: not at all where the extension is on and finds nothing
// (the popup asks when it opens; the badge and icon set for a tab reset by themselves when it
// navigates), within 100 ms of a change but at most once a second while its counts keep
// changing (an infinite-scroll feed appending a batch every 100 ms woke the background ten
// times a second, and the batch a report fell on paid for counting and sending it), and not
// again while a page keeps changing its text without changing what it mentions (a ticker, a
// re-rendering app).
import type { ContentToBackground, FrameReport } from '../messages';
import { after, type Cancel } from './timers';

/** How soon a change is reported (the page's work on it is done by then: one report for a
 *  load's first paint of marks and the rest of its scan). */
const DELAY_MS = 100;
/** The least time between two reports: the badge of a feed's tab, and which frames the
 *  keyboard's next mention goes through, lag by at most this (the popup asks the page itself).
 *  At 300 ms, the benchmark's feed cost 22 % more per batch. */
const SPACING_MS = 1e3;

export interface FrameReporterOptions {
  documentToken: string;
  top: boolean;
  site: string | null;
  /** Whether the extension runs in this frame now, and what it has found. */
  current(): { enabled: boolean; counts: FrameReport['counts'] };
  tell(message: ContentToBackground): void;
  /** Ends the listeners and the pending report. */
  signal: AbortSignal;
  /** Whether reading the counts looks at the page's style (some mentions to count): a
   *  throttled report then reads them when the page is idle (see whenPageIdle). */
  countsLookAtPage?(): boolean;
  /** How a throttled report waits for the page to be idle (tests run it at once). */
  whenIdle?(run: () => void): void;
}

export interface FrameReporter {
  /** Reports now (a change the reader just made, or the popup asking). */
  now(): void;
  /** Reports within 100 ms (a second after the last report at the earliest) if anything changed
   *  since the last report, or anyway within 100 ms (`always`). */
  soon(always?: boolean): void;
}

export function startFrameReporter(options: FrameReporterOptions, doc: Document = document): FrameReporter {
  const { signal } = options;
  const view = doc.defaultView ?? window;
  /** What the last report said: at first, what saying nothing means (on, nothing found). */
  let reported = said(true, {});
  let waitingToBeShown = false;
  let timer: Cancel | undefined;
  let must = false;
  let lastToldAt = -Infinity;

  const now = (state = () => options.current()) => {
    // A page prerendered before the reader goes to it says nothing until it is shown.
    if ((doc as { prerendering?: boolean }).prerendering) {
      if (!waitingToBeShown) {
        waitingToBeShown = true;
        doc.addEventListener('prerenderingchange', () => now(), { once: true, signal });
      }
      return;
    }
    must = false;
    lastToldAt = performance.now();
    const { enabled, counts } = state();
    reported = said(enabled, counts);
    const { documentToken, top, site } = options;
    options.tell({ type: 'frame-report', report: { documentToken, top, site, enabled, counts } });
  };
  // With the state as it is then: putting the report off at each change instead never
  // reported on a page whose text changes faster than that.
  const idle = options.whenIdle ?? ((run: () => void) => whenPageIdle(view, run));
  // (Most pages have nothing to count: no idle callback for them, a task less each.)
  const whenIdle = (run: () => void) => ((options.countsLookAtPage?.() ?? true) ? idle(run) : run());
  let pending = false;
  /** When the pending timer fires (it is cleared once it has). */
  let dueAt = 0;
  const schedule = (delay: number) => {
    timer?.();
    dueAt = performance.now() + delay;
    timer = after(delay, () => {
      timer = undefined;
      whenIdle(() => {
        pending = false;
        if (signal.aborted) return;
        const state = options.current();
        if (must || said(state.enabled, state.counts) !== reported) now(() => state);
        must = false;
      });
    });
  };
  const soon = (always = false) => {
    must ||= always;
    if (pending) {
      // A report that must go (a page back from the cache) is no feed's: it does not wait
      // for the spacing a report already pending was given.
      if (always && timer !== undefined && dueAt - performance.now() > DELAY_MS) schedule(DELAY_MS);
      return;
    }
    pending = true;
    schedule(always ? DELAY_MS : Math.max(DELAY_MS, lastToldAt + SPACING_MS - performance.now()));
  };
  signal.addEventListener('abort', () => timer?.());

  // Back/forward cache: the background moved on to the page the tab went to; a page restored
  // from the cache runs no script again, so it reports afresh. (A page script may dispatch a
  // pageshow of its own, as often as it likes: not reported.)
  view.addEventListener('pageshow', (event) => event.isTrusted && event.persisted && soon(true), { signal });
  // A frame that navigates away (an ad rotating) or is taken out of the page would leave its
  // counts with the background: its next page may be one that waits (frame-wake.ts) and says
  // nothing. (The top frame's next page replaces the tab's whole state: no listener, so no
  // script of ours runs as it goes, where V8 would finish its sweep of the heap, 7–16 ms.)
  if (!options.top)
    view.addEventListener(
      'pagehide',
      (event) => {
        const hadCounts = reported !== said(true, {}) && reported !== said(false, {});
        if (event.isTrusted && hadCounts) options.tell({ type: 'frame-gone', documentToken: options.documentToken });
      },
      { signal },
    );
  return { now: () => now(), soon };
}

/** Runs `run` when the page is idle, after the frame it was drawing: the counts look at what
 *  the reader can see (shown-text.ts), and a look while the page has changes not yet drawn
 *  would make the browser work out their style for us, in our time (the 5 MB page's first
 *  style, 30 ms and more, right after its marks). Within half a second in any case. */
function whenPageIdle(view: Window, run: () => void): void {
  if (typeof view.requestIdleCallback !== 'function') return run();
  view.requestIdleCallback(run, { timeout: 500 });
}

/** What a report says, to tell whether the next one would say anything new. */
function said(enabled: boolean, counts: FrameReport['counts']): string {
  // In one order: the same counts listed the other way round are nothing new.
  return JSON.stringify([enabled, Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1))]);
}
