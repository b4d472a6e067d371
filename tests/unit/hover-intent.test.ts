import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoverIntent } from '../../src/page/hover-intent';

describe('hover intent', () => {
  let log: string[];
  let intent: HoverIntent<string>;
  beforeEach(() => {
    vi.useFakeTimers();
    log = [];
    intent = new HoverIntent<string>({ open: (t) => log.push(`open ${t}`), close: () => log.push('close') });
  });
  afterEach(() => vi.useRealTimers());

  it('opens after the pointer rests 250 ms on a mark', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(249);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['open a']);
  });

  it('opens nothing on a quick pass over a mark', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(120);
    intent.pointerOver(null);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
  });

  it('closes 300 ms after the pointer leaves, unless it reaches the card', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(250);
    intent.pointerOver(null);
    vi.advanceTimersByTime(200);
    intent.pointerOnCard(true);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['open a']);
    intent.pointerOnCard(false);
    vi.advanceTimersByTime(299);
    expect(log).toEqual(['open a']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['open a', 'close']);
  });

  it('closes on Escape and stays closed while the pointer rests on the same mark', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(250);
    intent.dismiss();
    intent.pointerOver('a');
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['open a', 'close']);
    intent.pointerOver(null);
    intent.pointerOver('a');
    vi.advanceTimersByTime(250);
    expect(log).toEqual(['open a', 'close', 'open a']);
  });

  it('moves to another mark after its own dwell', () => {
    intent.pointerOver('a');
    vi.advanceTimersByTime(250);
    intent.pointerOver('b');
    vi.advanceTimersByTime(250);
    expect(log).toEqual(['open a', 'open b']);
    expect(intent.current).toBe('b');
  });

  it('keeps a card opened from the keyboard while the pointer wanders, until Escape', () => {
    intent.openNow('a');
    intent.pointerOver(null);
    intent.pointerOnCard(false);
    vi.advanceTimersByTime(2000);
    expect(log).toEqual(['open a']);
    intent.dismiss();
    expect(log).toEqual(['open a', 'close']);
  });
});
