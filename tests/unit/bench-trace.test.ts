// The benchmark's exact instrument (tests/bench/trace.ts, PageTrace.work): which of a trace's
// main-thread time is the extension's. A wrong rule here would show the scroll figures too low
// (missing the microtasks of the extension's own tasks) or too high (a page's frame counted).
import { describe, expect, it } from 'vitest';
import { extensionCpu, pageTrace, type TraceEvent } from '../bench/trace';

const PAGE = 'http://127.0.0.1/scroll.html';
const EXT = 'chrome-extension://abc/content-scripts/content.js';
const at = { pid: 1, tid: 1, cat: 'devtools.timeline' };

const task = (ts: number, dur: number, tdur: number): TraceEvent => ({
  ...at,
  name: 'RunTask',
  ph: 'X',
  ts,
  dur,
  tdur,
});
const event = (name: string, ts: number, dur: number, url?: string, tdur = dur): TraceEvent => ({
  ...at,
  name,
  ph: 'X',
  ts,
  dur,
  tdur,
  ...(url ? { args: { data: { url } } } : {}),
});
const start: TraceEvent[] = [
  { ...at, name: 'ParseHTML', ph: 'X', ts: 0, dur: 10, args: { beginData: { url: PAGE } } },
  { ...at, name: 'MarkDOMContent', ph: 'I', ts: 20 },
];
const workOf = (events: TraceEvent[]) => extensionCpu(pageTrace([...start, ...events], '/scroll.html'), 100);

describe('the benchmark counts as the extension’s work', () => {
  it('the thread time of a callback task that ran only extension code, its microtasks included', () => {
    // A postTask callback that returned after 200 µs, its promise continuations running 1.3 ms more.
    const events = [
      task(1000, 1600, 1500),
      event('RunPostTaskCallback', 1001, 1590),
      event('FunctionCall', 1002, 200, EXT),
    ];
    expect(workOf(events)).toBeCloseTo(1.5);
  });

  it('only the extension’s calls in a task where the page’s script ran too', () => {
    // The page appends a batch (1 ms), then the extension's MutationObserver callback (0.1 ms).
    const events = [
      task(1000, 1300, 1300),
      event('TimerFire', 1001, 1290),
      event('FunctionCall', 1002, 1000, PAGE),
      event('FunctionCall', 1100, 100, EXT),
    ];
    expect(workOf(events)).toBeCloseTo(0.1);
  });

  it('only the extension’s callback in a frame, not the page’s style, layout and paint', () => {
    const events = [
      task(1000, 5000, 5000),
      event('FireAnimationFrame', 1001, 300),
      event('FunctionCall', 1002, 300, EXT),
      event('UpdateLayoutTree', 1400, 2000),
      event('Paint', 3500, 1000),
    ];
    expect(workOf(events)).toBeCloseTo(0.3);
  });

  it('a call nested in another once, and nothing before `from`', () => {
    const events = [
      task(50, 500, 500),
      event('RunPostTaskCallback', 51, 400),
      event('FunctionCall', 52, 400, EXT),
      task(1000, 1000, 1000),
      event('TimerFire', 1001, 990),
      event('FunctionCall', 1002, 300, PAGE),
      event('FunctionCall', 1400, 400, EXT),
      event('FunctionCall', 1500, 100, EXT),
    ];
    expect(workOf(events)).toBeCloseTo(0.4);
  });
});
