// What the popup and the badge count (src/page/shown-text.ts): the mentions the reader can see.
// happy-dom draws nothing, so each element's checkVisibility() answer is set by the test; the
// browser's own answers are in hidden-text.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageMention } from '../../src/page/page-mention';
import { SHOWN_CHECK_LIMIT, ShownCounter, watchShownCounts } from '../../src/page/shown-text';
import type { TopicId } from '../../src/pack/types';
import { happyDomPerTest } from './happy-dom-page';

const dom = happyDomPerTest();
let checks: number;

/** A paragraph holding `text`, drawn or not; checkVisibility() answers `shown`. */
function paragraph(text: string, shown: boolean): Text {
  const p = dom.doc.createElement('p');
  p.textContent = text;
  dom.doc.body.append(p);
  Object.defineProperty(p, 'checkVisibility', {
    value: () => {
      checks++;
      return (p as unknown as { shownNow: boolean }).shownNow;
    },
  });
  (p as unknown as { shownNow: boolean }).shownNow = shown;
  return p.firstChild as Text;
}
const setShown = (text: Text, shown: boolean) =>
  ((text.parentElement as unknown as { shownNow: boolean }).shownNow = shown);
const mention = (topic: TopicId, node: Text, accepted = true): PageMention => ({
  topic,
  alias: node.data,
  text: node.data,
  range: {} as StaticRange,
  nodes: [node],
  accepted,
  requires: [],
});
const tally = (mentions: PageMention[]) => {
  const all: Record<TopicId, number> = {};
  for (const m of mentions) if (m.accepted) all[m.topic] = (all[m.topic] ?? 0) + 1;
  return all;
};

beforeEach(() => {
  checks = 0;
  vi.stubGlobal('getComputedStyle', (el: Element) => ({
    display: (el as HTMLElement).style.display || 'block',
    visibility: 'visible',
  }));
});
afterEach(() => vi.unstubAllGlobals());

describe('ShownCounter', () => {
  it('counts the accepted mentions the reader can see, in the order of the full counts', () => {
    const fitrat = mention('fitrat', paragraph('Fitrat', true));
    const hiddenBagram = mention('bagram', paragraph('Bagram', false));
    const bagram = mention('bagram', paragraph('Bagram', true));
    const waiting = mention('doha-2020', paragraph('Doha deal', true), false);
    const mentions = [fitrat, hiddenBagram, bagram, waiting];
    const { counts, hidden } = new ShownCounter().counts(mentions, { bagram: 2, fitrat: 1 });
    expect(counts).toEqual({ bagram: 1, fitrat: 1 });
    expect(Object.keys(counts)).toEqual(['bagram', 'fitrat']);
    expect(hidden).toBe(1);
  });

  it('leaves out a topic whose every mention is hidden', () => {
    const mentions = [mention('bagram', paragraph('Bagram', false)), mention('fitrat', paragraph('Fitrat', true))];
    expect(new ShownCounter().counts(mentions, tally(mentions)).counts).toEqual({ fitrat: 1 });
  });

  it('looks at each element once until told to forget', () => {
    const text = paragraph('Bagram and Bagram', true);
    const mentions = [mention('bagram', text), mention('bagram', text)];
    const counter = new ShownCounter();
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({ bagram: 2 });
    expect(checks).toBe(1);
    setShown(text, false); // a class toggled: nothing the counter hears
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({ bagram: 2 });
    counter.forget();
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({});
  });

  it('takes text in an element styled display: contents (no box of its own) as shown where its parent is', () => {
    const p = paragraph('Near ', true).parentElement!;
    const wrapper = dom.doc.createElement('span');
    wrapper.style.display = 'contents';
    wrapper.textContent = 'Bagram';
    Object.defineProperty(wrapper, 'checkVisibility', { value: () => false });
    p.append(wrapper);
    const mentions = [mention('bagram', wrapper.firstChild as Text)];
    expect(new ShownCounter().counts(mentions, tally(mentions)).counts).toEqual({ bagram: 1 });
    setShown(p.firstChild as Text, false);
    expect(new ShownCounter().counts(mentions, tally(mentions)).counts).toEqual({});
  });

  it('past the limit, gives the full counts without looking', () => {
    const text = paragraph('Bagram', false);
    const mentions = Array.from({ length: SHOWN_CHECK_LIMIT + 1 }, () => mention('bagram', text));
    expect(new ShownCounter().counts(mentions, tally(mentions))).toEqual({
      counts: { bagram: SHOWN_CHECK_LIMIT + 1 },
      hidden: 0,
    });
    expect(checks).toBe(0);
  });
});

describe('watchShownCounts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('looks again after 2, 10 and 30 s while something is hidden, and when the reader opens a <details>', () => {
    const text = paragraph('Bagram', false);
    const mentions = [mention('bagram', text)];
    const abort = new AbortController();
    const changed = vi.fn();
    const shown = watchShownCounts(
      () => mentions,
      () => tally(mentions),
      changed,
      abort.signal,
      dom.doc,
    );
    const lookAndCount = () => {
      changed.mockClear();
      return shown.counts();
    };
    expect(shown.counts()).toEqual({});
    for (const delay of [2_000, 10_000, 30_000]) {
      vi.advanceTimersByTime(delay - 1);
      expect(changed).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(changed).toHaveBeenCalledTimes(1);
      lookAndCount(); // the reporter counts again, which arms the next look
    }
    vi.advanceTimersByTime(120_000);
    expect(changed).not.toHaveBeenCalled();

    setShown(text, true);
    const toggle = new dom.window.Event('toggle');
    Object.defineProperty(toggle, 'isTrusted', { value: true });
    dom.doc.querySelector('p')!.dispatchEvent(toggle as never);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(lookAndCount()).toEqual({ bagram: 1 });
    abort.abort();
  });
});
