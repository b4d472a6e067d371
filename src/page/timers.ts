// Timers for code that runs in a page. Where the reader blocks JavaScript for a site, Chromium
// still runs content scripts but never fires their setTimeout or setInterval (measured in
// Chromium 156 with Playwright's javaScriptEnabled: false): hover cards never opened, a long
// page stopped marking at its first yield for a paint, and typing was never rescanned. Its
// scheduler.postTask runs delayed tasks there; elsewhere (Firefox before 142) a plain timer.

/** Stops a timer (nothing if it has fired or was stopped). */
export type Cancel = () => void;

/** The page's task scheduler (Prioritized Task Scheduling), as far as we use it. */
interface PageScheduler {
  postTask(
    run: () => void,
    options: { priority?: 'user-blocking'; delay?: number; signal?: AbortSignal },
  ): Promise<void>;
  yield(): Promise<void>;
}

/** The browser's scheduler, or what of it there is (none, or postTask without yield). */
export const pageScheduler = (): Partial<PageScheduler> | undefined =>
  (globalThis as { scheduler?: Partial<PageScheduler> }).scheduler;

/** Runs `run` once, `ms` from now. */
export function after(ms: number, run: () => void): Cancel {
  const scheduler = pageScheduler();
  if (typeof scheduler?.postTask !== 'function') {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  }
  const stop = new AbortController();
  // Stopping it rejects the task's promise, and so does a document that has gone. An error
  // `run` throws rejects it too, where a timer's would be reported: reported the same.
  scheduler
    .postTask(run, { delay: ms, signal: stop.signal })
    .catch((error) => stop.signal.aborted || reportError(error));
  return () => stop.abort();
}

/** Runs `run` every `ms` until cancelled. */
export function every(ms: number, run: () => void): Cancel {
  let cancel = after(ms, function again() {
    cancel = after(ms, again);
    run();
  });
  return () => cancel();
}
