// What a frame tells the background, and when (src/page/frame-reporter.ts): each report wakes
// the background, so a frame speaks only when it has something new to say.
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentToBackground, FrameReport } from '../../src/messages';
import { startFrameReporter } from '../../src/page/frame-reporter';

let window: Window;
let told: ContentToBackground[];
let state: { enabled: boolean; counts: FrameReport['counts'] };
let abort: AbortController;

beforeEach(() => {
  vi.useFakeTimers();
  window = new Window();
  told = [];
  state = { enabled: true, counts: {} };
  abort = new AbortController();
});
afterEach(() => {
  abort.abort();
  vi.useRealTimers();
  void window.happyDOM.close();
});

const start = (top = true) =>
  startFrameReporter(
    {
      documentToken: 'doc',
      top,
      site: 'news.example',
      current: () => state,
      tell: (message) => told.push(message),
      signal: abort.signal,
      whenIdle: (run) => run(),
    },
    window.document as unknown as Document,
  );
const reports = () => told.filter((m) => m.type === 'frame-report');
/** The browser's own event (a page script's would not be trusted). */
const trusted = <E extends object>(event: E): E => {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
};

describe('a frame’s reports', () => {
  it('says nothing where the extension is on and finds nothing', () => {
    start().soon(false);
    vi.advanceTimersByTime(1000);
    expect(told).toEqual([]);
  });

  it('says at once, within 100 ms, where the site is switched off (the grey icon)', () => {
    state = { enabled: false, counts: {} };
    start().soon(true);
    vi.advanceTimersByTime(100);
    expect(reports()).toHaveLength(1);
    expect(told[0]).toMatchObject({ report: { enabled: false, site: 'news.example', top: true } });
  });

  it('reports a change within 100 ms, and a feed that keeps changing at most once a second', () => {
    const reporter = start();
    const bagramCounts = () => reports().map((m) => m.type === 'frame-report' && m.report.counts.bagram);
    state = { enabled: true, counts: { bagram: 1 } };
    reporter.soon();
    vi.advanceTimersByTime(100);
    expect(bagramCounts()).toEqual([1]);
    // An infinite-scroll feed appends a batch with a mention every 100 ms for almost two seconds.
    for (let n = 2; n <= 20; n++) {
      state = { enabled: true, counts: { bagram: n } };
      reporter.soon();
      vi.advanceTimersByTime(100);
    }
    expect(bagramCounts()).toEqual([1, 11]);
    // The last count, which came before the spacing was up, goes once it is.
    vi.advanceTimersByTime(1000);
    expect(bagramCounts()).toEqual([1, 11, 20]);
    for (let i = 0; i < 20; i++) {
      reporter.soon(); // the page changed text around the same mentions
      vi.advanceTimersByTime(50);
    }
    expect(reports()).toHaveLength(3);
    // Quiet for a while: the next change is told within 100 ms again.
    state = { enabled: true, counts: { bagram: 12 } };
    reporter.soon();
    vi.advanceTimersByTime(100);
    expect(bagramCounts().at(-1)).toBe(12);
  });

  it('sends a report that must go within 100 ms, even while one waits for the spacing', () => {
    const reporter = start();
    state = { enabled: true, counts: { bagram: 1 } };
    reporter.soon();
    vi.advanceTimersByTime(100);
    state = { enabled: true, counts: { bagram: 2 } };
    reporter.soon(); // spaced: due a second after the first report
    vi.advanceTimersByTime(10);
    reporter.soon(true); // the page came back from the back/forward cache
    vi.advanceTimersByTime(100);
    expect(reports()).toHaveLength(2);
    vi.advanceTimersByTime(1500);
    expect(reports()).toHaveLength(2);
  });

  it('hears the same counts listed in another order as nothing new', () => {
    const reporter = start();
    state = { enabled: true, counts: { bagram: 1, fitrat: 2 } };
    reporter.soon();
    vi.advanceTimersByTime(100);
    state = { enabled: true, counts: { fitrat: 2, bagram: 1 } }; // a block rescanned: re-added last
    reporter.soon();
    vi.advanceTimersByTime(100);
    expect(reports()).toHaveLength(1);
  });

  it('does not send a report the popup asked for again when one was due', () => {
    state = { enabled: false, counts: {} };
    const reporter = start();
    reporter.soon(true); // the first state on a site switched off
    reporter.now(); // the popup asks meanwhile
    vi.advanceTimersByTime(200);
    expect(reports()).toHaveLength(1);
  });

  it('tells when a frame that reported mentions goes away, and not for the top frame or an empty one', () => {
    state = { enabled: true, counts: { bagram: 1 } };
    start(false).now();
    window.dispatchEvent(new window.Event('pagehide') as never); // a page script's: ignored
    expect(told.filter((m) => m.type === 'frame-gone')).toEqual([]);
    window.dispatchEvent(trusted(new window.Event('pagehide')) as never);
    expect(told.filter((m) => m.type === 'frame-gone')).toEqual([{ type: 'frame-gone', documentToken: 'doc' }]);

    abort.abort();
    abort = new AbortController();
    told = [];
    // The top frame does not even listen: nothing of ours runs as a page goes.
    const listened: string[] = [];
    const add = window.addEventListener.bind(window) as (...args: unknown[]) => void;
    window.addEventListener = ((type: string, ...rest: unknown[]) => (
      listened.push(type),
      add(type, ...rest)
    )) as never;
    start(true).now();
    window.dispatchEvent(trusted(new window.Event('pagehide')) as never);
    expect(told.filter((m) => m.type === 'frame-gone')).toEqual([]);
    expect(listened).not.toContain('pagehide');
    expect(listened).toContain('pageshow');
  });

  it('says nothing while the page is prerendered, and reports once it is shown', () => {
    Object.defineProperty(window.document, 'prerendering', { value: true, configurable: true });
    state = { enabled: true, counts: { fitrat: 2 } };
    const reporter = start();
    reporter.now();
    reporter.now();
    expect(told).toEqual([]);
    Object.defineProperty(window.document, 'prerendering', { value: false, configurable: true });
    window.document.dispatchEvent(new window.Event('prerenderingchange') as never);
    expect(reports()).toHaveLength(1);
  });

  it('reports afresh when the page comes back from the back/forward cache', () => {
    state = { enabled: true, counts: { bagram: 1 } };
    const reporter = start();
    reporter.now();
    const restored = trusted(new window.Event('pageshow'));
    Object.defineProperty(restored, 'persisted', { value: true });
    window.dispatchEvent(restored as never);
    vi.advanceTimersByTime(100);
    expect(reports()).toHaveLength(2);
  });
});
