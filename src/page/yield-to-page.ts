interface SchedulerWithYield {
  yield(): Promise<void>;
}

/** Gives the main thread back to the page: `scheduler.yield()` keeps our place in line where
 *  it exists (Chromium 129+); elsewhere a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (scheduler && typeof scheduler.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
