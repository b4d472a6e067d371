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
  it('asks the browser for a user-blocking task where scheduler.postTask exists', async () => {
    const postTask = vi.fn((run: () => void) => Promise.resolve().then(run));
    scope.scheduler = { postTask };
    const ran = vi.fn();
    runAheadOfPage(ran);
    expect(postTask).toHaveBeenCalledWith(ran, { priority: 'user-blocking' });
    await Promise.resolve();
    await Promise.resolve();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('falls back to a timer elsewhere, and runs the work once', () => {
    vi.useFakeTimers();
    scope.scheduler = undefined;
    const ran = vi.fn();
    runAheadOfPage(ran);
    expect(ran).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('swallows a task the browser aborts (a page going away)', async () => {
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
