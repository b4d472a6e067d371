import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScriptContext } from '../../src/script-context';

describe('the content script lifetime', () => {
  afterEach(() => vi.useRealTimers());

  it('ends when the runtime is found gone on asking, and tells its listeners once', () => {
    let alive = true;
    const context = new ScriptContext(() => alive);
    const ended = vi.fn();
    context.onInvalidated(ended);
    expect(context.isInvalid).toBe(false);
    alive = false;
    expect(context.isInvalid).toBe(true);
    expect(context.signal.aborted).toBe(true);
    alive = true; // a dead runtime does not come back to this script
    expect(context.isInvalid).toBe(true);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('looks now and then while the extension is here, notices it gone at a look, and stops', () => {
    vi.useFakeTimers();
    let alive = true;
    const context = new ScriptContext(() => alive);
    const ended = vi.fn();
    context.onInvalidated(ended);
    const look = vi.fn();
    context.poll(look);
    vi.advanceTimersByTime(3000);
    expect(look).toHaveBeenCalledTimes(3);
    alive = false; // (Chrome sends no event: nothing asks in between)
    vi.advanceTimersByTime(1000);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(look).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0);
  });
  // In the browser: tests/e2e/marks.spec.ts, "the extension reloaded".
});
