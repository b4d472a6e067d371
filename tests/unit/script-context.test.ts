import { describe, expect, it, vi } from 'vitest';
import { ScriptContext } from '../../src/script-context';

describe('the content script lifetime', () => {
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
  // The content script asks once a second: tests/e2e/marks.spec.ts, "the extension reloaded".
});
