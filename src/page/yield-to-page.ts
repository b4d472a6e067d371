import { BlockClassifier } from './text-blocks';
import { after, pageScheduler } from './timers';

/** Runs `run` in a task of its own, ahead of the page's ordinary tasks where the browser can
 *  put it there (`scheduler.postTask`, user-blocking: Chromium, Firefox 142+); elsewhere a
 *  timer. While a page loads, a timer waits behind the parser's tasks: the parse follower's
 *  first step, set at document_start, ran only after DOMContentLoaded in most loads of a 1 MB
 *  page, which was then marked all at once (≈ 20 ms after the event, against ≈ 1 ms when
 *  followed). What `run` awaits keeps that priority (a `scheduler.yield()` inherits it), so the
 *  parser and the page's scripts wait while a step catches up; a step only reads what has been
 *  parsed, in 8 ms slices, and input (and a frame the browser has put off too long) still goes
 *  first. */
export function runAheadOfPage(run: () => void): void {
  const scheduler = pageScheduler();
  if (typeof scheduler?.postTask === 'function') {
    // A document that has gone (a frame taken out) rejects the task: nothing is left to do.
    scheduler.postTask(run, { priority: 'user-blocking' }).catch(() => {});
  } else after(0, run);
}

/** Gives the main thread back to the page: `scheduler.yield()` keeps our place in line where
 *  it exists (Chromium 129+); elsewhere a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = pageScheduler();
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => after(0, resolve));
}

/** Gives the main thread back until the page has painted a frame: work scheduled with
 *  scheduler.yield() goes before rendering, so a scan of 80 ms shows nothing until its end.
 *  A page that is not shown paints nothing: there it is a plain yield. */
export function yieldForPaint(): Promise<void> {
  if (document.visibilityState !== 'visible') return yieldToPage();
  return new Promise((resolve) => {
    // The frame's rendering runs right after its animation-frame callbacks: a task queued
    // from one runs once it is painted. The timer covers a frame that never comes (on a busy
    // machine the next frame can take over 100 ms: then the screen's marks went unpainted).
    const fallback = after(250, resolve);
    requestAnimationFrame(() => {
      fallback();
      after(0, resolve);
    });
  });
}

/** Longest stretch of matching before the page gets the main thread back (Chrome's own
 *  find-in-page works in 10 ms slices). */
const SLICE_MS = 8;

/** One longer stretch for the work due at DOMContentLoaded, before the page's first layout
 *  and paint: a yield would put that layout (≈100 ms on a 1 MB page) before the rest of the
 *  marks. Still well under a 50 ms long task. */
export const BEFORE_PAINT_MS = 30;

/** Walks started over within one piece of work before the rest goes without yielding. */
export const RESTARTS = 3;

/** One stretch of work between yields to the page. */
export class Slice {
  readonly classifier = new BlockClassifier();
  #restarts = 0;

  /** `budgetMs`: a longer first stretch, for work that should land before the page's first
   *  paint (see ParseFollower.step), begun at `start`; later ones are SLICE_MS. */
  #budgetMs: number;
  #start: number;

  constructor(budgetMs = SLICE_MS, start = performance.now()) {
    this.#budgetMs = budgetMs;
    this.#start = start;
  }

  over(): boolean {
    return performance.now() - this.#start > this.#budgetMs;
  }

  /** The page moved or removed our place in the walk during a yield, and the walk starts
   *  over. A page that does so at every yield (a re-render per frame) would have it start
   *  over forever: after a few times, the rest is walked without yielding. False from then on
   *  (work that can wait had better stop there). */
  restarted(): boolean {
    if (++this.#restarts <= RESTARTS) return true;
    this.#budgetMs = Infinity;
    return false;
  }

  /** Yields (until the next frame is painted, with `paint`); false when `signal` aborted
   *  meanwhile. */
  async yield(signal: AbortSignal, paint = false): Promise<boolean> {
    await (paint ? yieldForPaint() : yieldToPage());
    this.classifier.forget();
    this.#budgetMs = this.#restarts > RESTARTS ? Infinity : SLICE_MS;
    this.#start = performance.now();
    return !signal.aborted;
  }
}
