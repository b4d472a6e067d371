// Asking a tab's top frame which page it is on, and the keyboard's next-mention path, over a
// stand-in for tabs.sendMessage. The real frames are in frames.spec.ts and popup.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameReport, TabState } from '../../src/messages';

const world = vi.hoisted(() => ({
  /** What each frame does with a message: an answer, 'silent' (never answers) or 'none'
   *  (no content script there: sendMessage rejects). */
  frames: new Map<number, unknown>(),
  asked: [] as Array<{ frameId: number; type: string }>,
}));

vi.mock('wxt/browser', () => ({
  browser: {
    tabs: {
      sendMessage: (_tab: number, message: { type: string }, options: { frameId: number }) => {
        world.asked.push({ frameId: options.frameId, type: message.type });
        const answer = world.frames.get(options.frameId) ?? 'none';
        if (answer === 'silent') return new Promise(() => {});
        if (answer === 'none') return Promise.reject(new Error('Could not establish connection'));
        return Promise.resolve(answer);
      },
    },
  },
}));

const { askTopPage, showNextMention } = await import('../../src/top-page');

const frame = (top: boolean, counts: FrameReport['counts']): FrameReport => ({
  documentToken: 'doc',
  top,
  site: 'news.example',
  enabled: true,
  counts,
});

beforeEach(() => {
  world.frames.clear();
  world.asked = [];
});
afterEach(() => vi.useRealTimers());

describe('askTopPage', () => {
  it("gives the top frame's page, asking frame 0 only", async () => {
    world.frames.set(0, { documentToken: 'abc', site: 'news.example' });
    await expect(askTopPage(7)).resolves.toEqual({ documentToken: 'abc', site: 'news.example' });
    expect(world.asked).toEqual([{ frameId: 0, type: 'page-request' }]);
  });

  it('is null where no content script runs, or one answers something else', async () => {
    await expect(askTopPage(7)).resolves.toBeNull();
    world.frames.set(0, true);
    await expect(askTopPage(7)).resolves.toBeNull();
  });

  it('gives up on a top frame that does not answer within a second (a page paused in a debugger)', async () => {
    vi.useFakeTimers();
    world.frames.set(0, 'silent');
    let answer: unknown = 'pending';
    void askTopPage(7).then((a) => (answer = a));
    await vi.advanceTimersByTimeAsync(900);
    expect(answer).toBe('pending');
    await vi.advanceTimersByTimeAsync(200);
    expect(answer).toBeNull();
  });
});

describe('showNextMention', () => {
  const state = (frames: Record<string, FrameReport>): TabState => ({ topToken: 'doc', frames });

  it('goes to the top frame first', async () => {
    world.frames.set(0, true);
    world.frames.set(3, true);
    const shown = await showNextMention(
      7,
      state({ '0': frame(true, { bagram: 1 }), '3': frame(false, { bagram: 2 }) }),
    );
    expect(shown).toBe(true);
    expect(world.asked.map((a) => a.frameId)).toEqual([0]);
  });

  it('goes on to the frames that counted the topic when the top frame shows nothing', async () => {
    world.frames.set(0, false);
    world.frames.set(4, false);
    world.frames.set(5, true);
    const tab = state({
      '0': frame(true, {}),
      '3': frame(false, { fitrat: 1 }), // another topic: not asked
      '4': frame(false, { bagram: 1 }),
      '5': frame(false, { bagram: 2 }),
      '6': frame(false, { bagram: 0 }),
    });
    await expect(showNextMention(7, tab, 'bagram')).resolves.toBe(true);
    expect(world.asked.map((a) => a.frameId)).toEqual([0, 4, 5]);
  });

  it('is false when no frame can show one, a frame that went away included', async () => {
    world.frames.set(0, false);
    const tab = state({ '0': frame(true, {}), '2': frame(false, { 'doha-2020': 1 }) });
    await expect(showNextMention(7, tab)).resolves.toBe(false);
    expect(world.asked.map((a) => a.frameId)).toEqual([0, 2]);
  });
});
