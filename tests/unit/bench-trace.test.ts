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
const instant = (name: string, ts: number, taskId: number): TraceEvent => ({
  ...at,
  name,
  ph: 'I',
  ts,
  args: { data: { frame: 'F', taskId } },
});
const scheduled = (name: string, ts: number, dur: number, taskId: number): TraceEvent => ({
  ...event(name, ts, dur),
  args: { data: { frame: 'F', taskId } },
});
/** A CPU profile of the thread: one sample every 100 µs from `from`, each the extension's or the
 *  page's as `whose` says. */
function profile(from: number, whose: ReadonlyArray<'ext' | 'page'>): TraceEvent[] {
  const nodes = [
    { id: 1, callFrame: { functionName: '(root)' } },
    { id: 2, parent: 1, callFrame: { functionName: 'scan', url: EXT } },
    { id: 3, parent: 1, callFrame: { functionName: 'render', url: PAGE } },
  ];
  return [
    { ...at, name: 'Profile', ph: 'P', ts: from, id: '0x1', args: { data: { startTime: from } } },
    {
      ...at,
      name: 'ProfileChunk',
      ph: 'P',
      ts: from,
      id: '0x1',
      args: {
        data: {
          cpuProfile: { nodes, samples: whose.map((w) => (w === 'ext' ? 2 : 3)) },
          timeDeltas: whose.map((_, i) => (i === 0 ? 0 : 100)),
        },
      },
    },
  ];
}

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

  it('a task resuming the extension after `scheduler.yield()`, which runs no script entry of its own', () => {
    const events = [
      // The extension's step yields (scheduling task 7); the page's own yield schedules task 8.
      task(1000, 300, 300),
      scheduled('RunPostTaskCallback', 1001, 290, 6),
      event('FunctionCall', 1002, 280, EXT),
      instant('ScheduleYieldContinuation', 1200, 7),
      task(2000, 200, 200),
      event('TimerFire', 2001, 190),
      event('FunctionCall', 2002, 180, PAGE),
      instant('ScheduleYieldContinuation', 2100, 8),
      task(3000, 2500, 2400),
      scheduled('RunYieldContinuation', 3001, 10, 7),
      task(6000, 900, 900),
      scheduled('RunYieldContinuation', 6001, 10, 8),
    ];
    expect(workOf(events)).toBeCloseTo(0.3 + 2.4);
  });

  it('an event listener’s promise continuations, up to the step they schedule', () => {
    // DOMContentLoaded: the extension's listener returns after 1.4 ms, its async work runs 0.75 ms
    // more and yields (task 9); then the page's listener (0.2 ms), not the extension's. The
    // parser's task ran at half speed (thread time half its wall time).
    const events = [
      task(1000, 3000, 1500),
      event('ParseHTML', 1001, 2990),
      event('EventDispatch', 1100, 2600),
      event('FunctionCall', 1150, 1400, EXT, 700),
      instant('ScheduleYieldContinuation', 3300, 9),
      event('FunctionCall', 3350, 200, PAGE),
      task(5000, 1000, 1000),
      scheduled('RunYieldContinuation', 5001, 10, 9),
    ];
    expect(workOf(events)).toBeCloseTo(0.7 + 0.375 + 1.0, 2);
  });

  it('not the page’s promise continuations after the extension’s observer, nor a task another frame scheduled', () => {
    // The page's click listener appends and awaits; the extension's MutationObserver callback
    // runs (0.1 ms), then the page's continuation (2 ms), which schedules a task of its own.
    const events = [
      task(1000, 3000, 3000),
      event('EventDispatch', 1001, 2900),
      event('FunctionCall', 1002, 300, PAGE),
      event('FunctionCall', 1400, 100, EXT),
      // Task 3 of another frame is the extension's; the page's task 3 of frame F is not.
      { ...instant('SchedulePostTaskCallback', 1450, 3), args: { data: { frame: 'G', taskId: 3 } } },
      task(5000, 1000, 1000),
      scheduled('RunPostTaskCallback', 5001, 990, 3),
    ];
    expect(workOf(events)).toBeCloseTo(0.1);
  });

  it('a task of promise continuations alone when most of its samples are the extension’s', () => {
    const events = [
      // An extension API's answer resolves the extension's promise: 0.6 ms, all its samples ours.
      task(1000, 600, 600),
      event('BlinkScheduler_PerformMicrotaskCheckpoint', 1001, 590),
      // The page's own promise continuations: 0.6 ms, most samples the page's.
      task(2000, 600, 600),
      event('BlinkScheduler_PerformMicrotaskCheckpoint', 2001, 590),
      // Half and half: nobody's for sure, so not the extension's.
      task(3000, 200, 200),
      event('BlinkScheduler_PerformMicrotaskCheckpoint', 3001, 190),
      ...profile(1000, [
        ...Array(6).fill('ext'),
        ...Array(4).fill('page'),
        ...['page', 'ext', 'page', 'page', 'page'],
        ...Array(5).fill('page'),
        ...['ext', 'page'],
      ]),
    ];
    expect(workOf(events)).toBeCloseTo(0.6);
  });
});
