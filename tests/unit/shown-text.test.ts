// What the popup and the badge count (src/page/shown-text.ts): the mentions the reader can see.
// happy-dom draws nothing, so each element's checkVisibility() answer is set by the test; the
// browser's own answers are in hidden-text.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageMention } from '../../src/page/page-mention';
import {
  mentionShown,
  RECHECKS_PER_COUNT,
  SHOWN_CHECK_LIMIT,
  ShownCounter,
  watchShownCounts,
} from '../../src/page/shown-text';
import type { TopicId } from '../../src/pack/types';
import { happyDomPerTest } from './happy-dom-page';

const dom = happyDomPerTest();
let checks: number;

/** A paragraph holding `text`, drawn or not: its checkVisibility() answers from `shownNow`
 *  (and, asked about CSS visibility too, `invisibleNow`), each call counted in `checks`. */
function paragraph(text: string, shown: boolean): Text {
  const p = dom.doc.createElement('p') as unknown as HTMLElement & { shownNow: boolean; invisibleNow: boolean };
  p.textContent = text;
  dom.doc.body.append(p as unknown as Node);
  Object.defineProperty(p, 'checkVisibility', {
    value: (options?: { checkVisibilityCSS?: boolean }) => {
      checks++;
      return p.shownNow && !(options?.checkVisibilityCSS && p.invisibleNow);
    },
  });
  p.shownNow = shown;
  p.invisibleNow = false;
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

  it('looks at a drawn, visible element once, not twice', () => {
    const mentions = [mention('bagram', paragraph('Bagram', true))];
    expect(new ShownCounter().counts(mentions, tally(mentions)).counts).toEqual({ bagram: 1 });
    expect(checks).toBe(1);
  });

  it('when in doubt, looks again at a bounded number of elements per count, new ones always', () => {
    const texts = Array.from({ length: RECHECKS_PER_COUNT + 30 }, () => paragraph('Bagram', true));
    const mentions = texts.map((t) => mention('bagram', t));
    const counter = new ShownCounter();
    counter.counts(mentions, tally(mentions));
    for (const t of texts) setShown(t, false); // the page hid its old view
    counter.doubt();
    const added = mention('fitrat', paragraph('Fitrat', true));
    mentions.push(added);
    checks = 0;
    // The first RECHECKS_PER_COUNT are looked at again, and the new one.
    expect(counter.counts(mentions, tally(mentions))).toEqual({
      counts: { bagram: 30, fitrat: 1 },
      hidden: RECHECKS_PER_COUNT,
    });
    expect(checks).toBe(RECHECKS_PER_COUNT * 2 + 1); // (a hidden one takes two looks)
    expect(counter.behind).toBe(true);
    // The rest at the next count, and then nothing is behind.
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({ fitrat: 1 });
    expect(counter.behind).toBe(false);
    checks = 0;
    counter.counts(mentions, tally(mentions));
    expect(checks).toBe(0);
  });

  it('a doubt that comes while one is still behind waits for it, so the last elements get their look', () => {
    const texts = Array.from({ length: RECHECKS_PER_COUNT * 2 + 50 }, () => paragraph('Bagram', true));
    const mentions = texts.map((t) => mention('bagram', t));
    const counter = new ShownCounter();
    counter.counts(mentions, tally(mentions));
    for (const t of texts) setShown(t, false);
    counter.doubt();
    expect(counter.counts(mentions, tally(mentions)).hidden).toBe(RECHECKS_PER_COUNT);
    counter.doubt(); // a feed changed again, 2 s on
    expect(counter.counts(mentions, tally(mentions)).hidden).toBe(RECHECKS_PER_COUNT * 2);
    expect(counter.counts(mentions, tally(mentions)).hidden).toBe(texts.length);
    // Then the doubt that waited: every element again, from the first.
    expect(counter.behind).toBe(true);
    setShown(texts[0]!, true);
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({ bagram: 1 });
  });

  it('told to forget (the reader opened the popup), looks at every element at once', () => {
    const texts = Array.from({ length: RECHECKS_PER_COUNT + 30 }, () => paragraph('Bagram', true));
    const mentions = texts.map((t) => mention('bagram', t));
    const counter = new ShownCounter();
    counter.counts(mentions, tally(mentions));
    for (const t of texts) setShown(t, false);
    counter.forget();
    expect(counter.counts(mentions, tally(mentions)).counts).toEqual({});
    expect(counter.behind).toBe(false);
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
    const counter = new ShownCounter();
    counter.doubt();
    expect(counter.counts(mentions, tally(mentions))).toEqual({
      counts: { bagram: SHOWN_CHECK_LIMIT + 1 },
      hidden: 0,
    });
    expect(checks).toBe(0);
    expect(counter.behind).toBe(false); // nothing looked at, so nothing left to look at
  });
});

describe('watchShownCounts', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const trusted = (type: string) => {
    const event = new dom.window.Event(type);
    Object.defineProperty(event, 'isTrusted', { value: true });
    return event as unknown as Event;
  };
  const watch = (mentions: PageMention[]) => {
    const abort = new AbortController();
    const changed = vi.fn();
    const shown = watchShownCounts(
      () => mentions,
      () => tally(mentions),
      changed,
      abort.signal,
      dom.doc,
    );
    return { abort, changed, shown };
  };

  it('while something is hidden, looks afresh after 2, 10 and 30 s, then no more', () => {
    const text = paragraph('Bagram', false);
    const { changed, shown, abort } = watch([mention('bagram', text)]);
    expect(shown.counts()).toEqual({});
    for (const delay of [2_000, 10_000, 30_000]) {
      vi.advanceTimersByTime(delay - 1);
      expect(changed).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(changed).toHaveBeenCalledTimes(1);
      changed.mockClear();
      shown.counts(); // the reporter counts again, which arms the next look
    }
    vi.advanceTimersByTime(120_000);
    expect(changed).not.toHaveBeenCalled();
    // Looked at afresh each time: revealed meanwhile, it counts.
    setShown(text, true);
    expect(shown.counts()).toEqual({});
    shown.forget();
    expect(shown.counts()).toEqual({ bagram: 1 });
    abort.abort();
  });

  it('with nothing hidden, looks again only a while after the mentions change', () => {
    const mentions = [mention('bagram', paragraph('Bagram', true))];
    const { changed, shown, abort } = watch(mentions);
    shown.scanned();
    expect(shown.counts()).toEqual({ bagram: 1 });
    vi.advanceTimersByTime(2_000);
    expect(changed).toHaveBeenCalledTimes(1);
    shown.scanned(); // the same mentions: nothing to look at
    shown.counts();
    vi.advanceTimersByTime(60_000);
    expect(changed).toHaveBeenCalledTimes(1);
    // A single-page app hides its old view and adds the new one: the old one is looked at again.
    const old = mentions[0]!.nodes[0]!;
    mentions.push(mention('bagram', paragraph('Bagram', true)));
    setShown(old, false);
    shown.scanned();
    expect(shown.counts()).toEqual({ bagram: 2 }); // the old answer, until the look
    vi.advanceTimersByTime(2_000);
    expect(changed).toHaveBeenCalledTimes(2);
    expect(shown.counts()).toEqual({ bagram: 1 });
    abort.abort();
  });

  it('a look at more elements than one count takes goes on at the next report, until done', () => {
    const texts = Array.from({ length: RECHECKS_PER_COUNT * 2 + 10 }, () => paragraph('Bagram', true));
    const mentions = texts.map((t) => mention('bagram', t));
    const { changed, shown, abort } = watch(mentions);
    shown.scanned();
    shown.counts();
    for (const t of texts) setShown(t, false);
    vi.advanceTimersByTime(2_000); // the look a while after the change
    expect(changed).toHaveBeenCalledTimes(1);
    // Each count asks for the next, while some answers are from before the look.
    expect(shown.counts()).toEqual({ bagram: RECHECKS_PER_COUNT + 10 });
    expect(changed).toHaveBeenCalledTimes(2);
    expect(shown.counts()).toEqual({ bagram: 10 });
    expect(changed).toHaveBeenCalledTimes(3);
    expect(shown.counts()).toEqual({});
    expect(changed).toHaveBeenCalledTimes(3);
    abort.abort();
  });

  it('looks soon after the reader clicks, not after a page script’s click, and not after the end', () => {
    const { changed, shown, abort } = watch([mention('bagram', paragraph('Bagram', true))]);
    dom.doc.dispatchEvent(trusted('click')); // nothing counted yet: not listening
    vi.advanceTimersByTime(1_000);
    expect(changed).not.toHaveBeenCalled();
    shown.counts();
    dom.doc.dispatchEvent(new dom.window.Event('click') as unknown as Event);
    vi.advanceTimersByTime(1_000);
    expect(changed).not.toHaveBeenCalled();
    dom.doc.body.dispatchEvent(trusted('toggle'));
    vi.advanceTimersByTime(300);
    expect(changed).toHaveBeenCalledTimes(1);
    abort.abort();
    dom.doc.dispatchEvent(trusted('click'));
    vi.advanceTimersByTime(60_000);
    expect(changed).toHaveBeenCalledTimes(1);
  });
});

describe('mentionShown', () => {
  it('hides text straight inside a closed <details>, and shows it once open', () => {
    const details = dom.doc.createElement('details') as unknown as HTMLDetailsElement;
    const summary = dom.doc.createElement('summary');
    summary.textContent = 'Background';
    details.append(summary as unknown as Node, dom.doc.createTextNode('The US-Taliban agreement') as unknown as Node);
    dom.doc.body.append(details as unknown as Node);
    Object.defineProperty(details, 'checkVisibility', { value: () => true });
    const text = details.lastChild as Text;
    expect(mentionShown(mention('doha-2020', text))).toBe(false);
    details.open = true;
    expect(mentionShown(mention('doha-2020', text))).toBe(true);
  });
});
