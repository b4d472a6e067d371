// Asking a tab's top frame which page it is on, and the keyboard's next-mention path, over a
// stand-in for tabs.sendMessage. The real frames are in frames.spec.ts and popup.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FrameReport, TabState } from '../../src/messages';

const world = vi.hoisted(() => ({
  /** What each frame does with a message: an answer, 'silent' (never answers) or 'none'
   *  (no content script there: sendMessage rejects). */
  frames: new Map<number, unknown>(),
  asked: [] as Array<{ frameId: number; type: string; step?: string }>,
}));

vi.mock('wxt/browser', () => ({
  browser: {
    tabs: {
      sendMessage: (_tab: number, message: { type: string; step?: string }, options: { frameId: number }) => {
        world.asked.push({ frameId: options.frameId, type: message.type, step: message.step });
        const held = world.frames.get(options.frameId) ?? 'none';
        const answer = typeof held === 'function' ? (held as (m: unknown) => unknown)(message) : held;
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
  /** A frame's card, as the content script keeps it: `mentions` in order, `at` the one shown. */
  const frameWith = (mentions: number) => {
    const f = { at: -1 };
    const answer = (message: unknown) => {
      const { step } = message as { step: 'continue' | 'first' };
      if (step === 'continue') {
        if (f.at < 0) return 'none';
        if (f.at + 1 < mentions) return (f.at++, 'shown');
        f.at = -1;
        return 'end';
      }
      if (mentions === 0) return 'none';
      f.at = 0;
      return 'shown';
    };
    return Object.assign(answer, { card: f });
  };
  const path = () => world.asked.map((a) => `${a.frameId}:${a.step}`);

  it('goes through the top frame’s mentions, then each frame’s that counted one, round to the top', async () => {
    const top = frameWith(2);
    const ad = frameWith(1);
    const embed = frameWith(2);
    world.frames.set(0, top);
    world.frames.set(3, ad);
    world.frames.set(5, embed);
    const tab = state({
      '0': frame(true, { bagram: 2 }),
      '3': frame(false, { bagram: 1 }),
      '4': frame(false, {}), // counted nothing: never asked
      '5': frame(false, { bagram: 2 }),
    });
    const where = () => [top.card.at, ad.card.at, embed.card.at];
    const seen: number[][] = [];
    for (let i = 0; i < 6; i++) {
      await expect(showNextMention(7, tab)).resolves.toBe(true);
      seen.push(where());
    }
    expect(seen).toEqual([
      [0, -1, -1],
      [1, -1, -1],
      [-1, 0, -1],
      [-1, -1, 0],
      [-1, -1, 1],
      [0, -1, -1], // round to the top
    ]);
    expect(world.asked.some((a) => a.frameId === 4)).toBe(false);
  });

  it('gives the focus back to the top page when a frame passed it on and no card took it', async () => {
    const embed = frameWith(1);
    world.frames.set(0, frameWith(0));
    world.frames.set(5, embed);
    const tab = state({ '0': frame(true, {}), '5': frame(false, { bagram: 1 }) });
    await expect(showNextMention(7, tab)).resolves.toBe(true);
    // The frame's text went: past its last, nothing anywhere.
    world.frames.set(5, (message: { step?: string }) => (message.step === 'continue' ? 'passed' : 'none'));
    await expect(showNextMention(7, tab)).resolves.toBe(false);
    expect(world.asked.at(-1)).toEqual({ frameId: 0, type: 'focus-back', step: undefined });
    // Not when the frame's card held no focus from the top page (the reader had clicked into
    // the frame), nor after a path that found nothing to pass on.
    for (const answer of ['end', 'none']) {
      world.asked = [];
      world.frames.set(5, (message: { step?: string }) => (message.step === 'continue' ? answer : 'none'));
      await expect(showNextMention(7, tab)).resolves.toBe(false);
      expect(world.asked.some((a) => a.type === 'focus-back')).toBe(false);
    }
  });

  it('does not wait more than a second for a frame that never answers', async () => {
    vi.useFakeTimers();
    world.frames.set(0, frameWith(1));
    world.frames.set(3, 'silent'); // busy, or paused in a debugger
    const tab = state({ '0': frame(true, { bagram: 1 }), '3': frame(false, { bagram: 1 }) });
    let shown: boolean | 'pending' = 'pending';
    void showNextMention(7, tab).then((s) => (shown = s));
    await vi.advanceTimersByTimeAsync(900);
    expect(shown).toBe('pending');
    await vi.advanceTimersByTimeAsync(200);
    expect(shown).toBe(true);
  });

  it('takes two quick presses one after the other: the second goes on from the first one’s card', async () => {
    // The frame answers a moment later (its card's UI is still loading on a first press).
    const top = frameWith(3);
    world.frames.set(0, (message: unknown) => new Promise((resolve) => setTimeout(() => resolve(top(message)), 10)));
    const tab = state({ '0': frame(true, { bagram: 3 }) });
    await Promise.all([showNextMention(7, tab), showNextMention(7, tab)]);
    expect(top.card.at).toBe(1);
    expect(path()).toEqual(['0:continue', '0:first', '0:continue']);
  });

  it('asks only the frames that counted the topic', async () => {
    world.frames.set(0, frameWith(0));
    world.frames.set(4, frameWith(1));
    const tab = state({ '0': frame(true, {}), '3': frame(false, { fitrat: 1 }), '4': frame(false, { bagram: 1 }) });
    await expect(showNextMention(7, tab, 'bagram')).resolves.toBe(true);
    expect(path()).toEqual(['0:continue', '4:continue', '0:first', '4:first']);
  });

  it('is false when no frame can show one, a frame that went away included', async () => {
    world.frames.set(0, frameWith(0));
    const tab = state({ '0': frame(true, {}), '2': frame(false, { 'doha-2020': 1 }) });
    await expect(showNextMention(7, tab)).resolves.toBe(false);
    expect(path()).toEqual(['0:continue', '2:continue', '0:first', '2:first']);
  });
});
