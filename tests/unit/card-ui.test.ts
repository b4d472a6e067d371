// The card's UI comes in by running its file (in Chrome, the background injects it): once per
// frame, and a file that does not register is an error, not a card that never comes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCardUi, registerCardUi } from '../../src/page/card-ui';
import type { CardUi } from '../../src/ui/Card';

const KEY = Symbol.for('context-overlays.card-ui');
const fakeUi = { render: () => {} } as unknown as CardUi;

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEY];
});

describe('loadCardUi', () => {
  it('runs the file, and gives the UI it registered', async () => {
    const run = vi.fn(async () => registerCardUi(fakeUi));
    expect(await loadCardUi(run)).toBe(fakeUi);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not run it again once it has registered', async () => {
    registerCardUi(fakeUi);
    const run = vi.fn(async () => {});
    expect(await loadCardUi(run)).toBe(fakeUi);
    expect(run).not.toHaveBeenCalled();
  });

  it('fails when the file ran and registered nothing, or did not run', async () => {
    await expect(loadCardUi(async () => true)).rejects.toThrow('no card UI');
    await expect(loadCardUi(() => Promise.reject(new Error('no such frame')))).rejects.toThrow('no such frame');
  });
});
