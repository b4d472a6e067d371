// Code that runs in pages times itself with after()/every(): Chromium fires no setTimeout of a
// content script's where the reader blocks JavaScript, but runs scheduler.postTask's delays.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { after, every } from '../../src/page/timers';

/** A scheduler.postTask that keeps its delayed tasks for the test to run. */
function fakeScheduler() {
  const tasks: { run: () => void; delay: number; signal: AbortSignal }[] = [];
  const postTask = (run: () => void, options: { delay: number; signal: AbortSignal }) => {
    tasks.push({ run, ...options });
    return new Promise<void>(() => {});
  };
  vi.stubGlobal('scheduler', { postTask });
  /** Runs the tasks due (not aborted) once, as the browser would. */
  const runDue = () => {
    const due = tasks.splice(0).filter((task) => !task.signal.aborted);
    for (const task of due) task.run();
    return due.map((task) => task.delay);
  };
  return { tasks, runDue };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('after', () => {
  it('goes through scheduler.postTask with the delay where there is one, not a timer', () => {
    const { runDue } = fakeScheduler();
    const timeout = vi.spyOn(globalThis, 'setTimeout');
    const ran = vi.fn();
    after(250, ran);
    expect(timeout).not.toHaveBeenCalled();
    expect(runDue()).toEqual([250]);
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('is cancelled: the task never runs', () => {
    const { runDue } = fakeScheduler();
    const ran = vi.fn();
    after(250, ran)();
    expect(runDue()).toEqual([]);
    expect(ran).not.toHaveBeenCalled();
  });

  it('falls back to a timer where there is no scheduler, and is cancelled the same', () => {
    vi.useFakeTimers();
    const ran = vi.fn();
    const kept = vi.fn();
    after(100, ran)();
    after(100, kept);
    vi.advanceTimersByTime(99);
    expect(kept).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(kept).toHaveBeenCalledTimes(1);
    expect(ran).not.toHaveBeenCalled();
  });
});

describe('every', () => {
  it('runs again and again until cancelled', () => {
    const { runDue } = fakeScheduler();
    const ran = vi.fn();
    const cancel = every(250, ran);
    runDue();
    runDue();
    expect(ran).toHaveBeenCalledTimes(2);
    cancel();
    expect(runDue()).toEqual([]);
    expect(ran).toHaveBeenCalledTimes(2);
  });

  it('with a timer too', () => {
    vi.useFakeTimers();
    const ran = vi.fn();
    const cancel = every(100, ran);
    vi.advanceTimersByTime(350);
    expect(ran).toHaveBeenCalledTimes(3);
    cancel();
    vi.advanceTimersByTime(500);
    expect(ran).toHaveBeenCalledTimes(3);
  });
});

describe('errors and cancelling from inside', () => {
  it('an error the task throws is reported, as a timer would report it', async () => {
    const postTask = (run: () => void) => new Promise<void>((resolve) => resolve(run()));
    vi.stubGlobal('scheduler', { postTask });
    const reported = vi.fn();
    vi.stubGlobal('reportError', reported);
    after(10, () => {
      throw new Error('broken');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(reported).toHaveBeenCalledWith(new Error('broken'));
  });

  it('every() stops when cancelled from its own run', () => {
    const { runDue } = fakeScheduler();
    let cancel = () => {};
    const ran = vi.fn(() => cancel());
    cancel = every(250, ran);
    runDue();
    expect(runDue()).toEqual([]);
    expect(ran).toHaveBeenCalledTimes(1);
  });
});
