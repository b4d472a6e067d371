// The parse follower's steps (src/page/frame-overlay.ts) run through runAheadOfPage: a timer
// waited behind the parser's tasks, and a 1 MB page was then marked only after
// DOMContentLoaded (the benchmark's "1 MB: DOMContentLoaded → all marked" shows the effect).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAheadOfPage } from '../../src/page/yield-to-page';

const scope = globalThis as { scheduler?: unknown };
const original = scope.scheduler;

afterEach(() => {
  scope.scheduler = original;
  vi.useRealTimers();
});

describe('runAheadOfPage', () => {
  it('asks the browser for a user-blocking task where scheduler.postTask exists, and nothing else', async () => {
    vi.useFakeTimers();
    const postTask = vi.fn((run: () => void) => Promise.resolve().then(run));
    scope.scheduler = { postTask };
    const ran = vi.fn();
    runAheadOfPage(ran);
    expect(postTask).toHaveBeenCalledWith(ran, { priority: 'user-blocking' });
    // A timer besides would run every follower step twice.
    await vi.runAllTimersAsync();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('falls back to a timer elsewhere, and runs the work once', () => {
    vi.useFakeTimers();
    for (const scheduler of [undefined, { yield: () => Promise.resolve() }]) {
      scope.scheduler = scheduler;
      const ran = vi.fn();
      runAheadOfPage(ran);
      expect(ran).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(ran).toHaveBeenCalledTimes(1);
    }
  });

  it('swallows the rejection of a task whose document has gone', async () => {
    const rejected = Promise.reject(new Error('aborted'));
    scope.scheduler = { postTask: () => rejected };
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      runAheadOfPage(() => {});
      await new Promise((done) => setTimeout(done, 0));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
