import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ScriptContext } from '../../src/script-context';

describe('the content script lifetime', () => {
  beforeEach(() => vi.useFakeTimers());
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

  it('notices a dead runtime within a second without being asked (Chrome sends no event)', () => {
    let alive = true;
    const context = new ScriptContext(() => alive);
    const ended = vi.fn();
    context.onInvalidated(ended);
    vi.advanceTimersByTime(5000);
    expect(ended).not.toHaveBeenCalled();
    alive = false;
    vi.advanceTimersByTime(1000);
    expect(ended).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0); // the poll stops with it
  });
});
