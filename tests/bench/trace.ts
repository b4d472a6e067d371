// Reads a Chromium trace (CDP Tracing, JSON events) for one page load: the page renderer's
// main-thread tasks and the V8 CPU-profile samples taken in it, so the extension's share of
// the main thread can be told apart from the page's.
import type { CDPSession } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the trace records it. */
  tdur?: number;
  id?: string;
  args?: Record<string, any>;
}

export const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

/** Starts tracing on `cdp`; the returned function stops it and resolves the events. */
export async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

export interface PageTrace {
  /** Start of the page's DOMContentLoaded dispatch, in trace microseconds. */
  dcl: number;
  /** Start of the page's parsing: the extension's work on the page counts from here (what came
   *  before was the previous page's). */
  start: number;
  /** Main-thread tasks of the page's renderer as [start, end] in trace microseconds. */
  tasks: Array<[number, number]>;
  /** CPU-profile samples of the page's main thread: time (µs), weight (µs), and whether
   *  extension code was on the stack. */
  samples: Array<{ ts: number; weight: number; extension: boolean }>;
  /** The extension's own work as the trace's events time it, each at its start: the thread (CPU)
   *  time of every task in which only extension code ran (the microtasks it queued and the garbage
   *  collection it caused included), or that resumed it (a `scheduler.yield()` or `postTask` it
   *  scheduled), and of each extension call in a task where page code or the parser ran too (a
   *  MutationObserver callback, an event listener), with the promise continuations that run after
   *  it up to the next step they schedule. A task of promise continuations alone (an extension
   *  API's answer) is the extension's when more than half its samples are. Exact where the
   *  samples are not: on a busy machine the sampler lags, and the samples in the extension's own
   *  tasks added up to 57–76 % of those tasks' thread time (infinite scroll, 2026-11-28); on the
   *  page without mentions they summed to 4.6 ms in one load where these events give 10.8. */
  work: Array<{ ts: number; cpu: number }>;
}

/** The trace of the renderer that parsed `pathFragment`. */
export function pageTrace(events: TraceEvent[], pathFragment: string): PageTrace {
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && String(e.args?.beginData?.url ?? '').includes(pathFragment),
  );
  if (!parse) throw new Error(`trace: no ParseHTML for ${pathFragment}`);
  const { pid, tid } = parse;
  // When the event's dispatch began: work done by listeners inside it (the extension's, added
  // at document_start) counts as after DOMContentLoaded. MarkDOMContent comes at its end.
  const dclEvent =
    events.find((e) => e.name === 'domContentLoadedEventStart' && e.pid === pid && e.ts >= parse.ts) ??
    events.find((e) => e.name === 'MarkDOMContent' && e.pid === pid && e.tid === tid);
  if (!dclEvent) throw new Error(`trace: no DOMContentLoaded for ${pathFragment}`);
  const tasks: Array<[number, number]> = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === pid && e.tid === tid)
    .map((e) => [e.ts, e.ts + (e.dur ?? 0)]);
  const samples = profileSamples(events, pid, tid);
  return { dcl: dclEvent.ts, start: parse.ts, tasks, samples, work: extensionWork(events, pid, tid, samples) };
}

/** Events that run script or the parser: who they belong to tells whose a task is. */
const ENTRY_EVENTS = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'ParseHTML']);
/** Tasks that run one callback (a frame's task runs animation frame callbacks, then the page's
 *  style, layout and paint: never the extension's as a whole). A `scheduler.yield()` resumes in a
 *  task of its own (RunYieldContinuation), which runs promise continuations: no script entry. */
const CALLBACK_TASKS = new Set(['RunPostTaskCallback', 'RunYieldContinuation', 'FireIdleCallback', 'TimerFire']);
/** Instants that schedule such a task: it is the scheduling script's, whoever's code it resumes. */
const SCHEDULES = new Set(['SchedulePostTaskCallback', 'ScheduleYieldContinuation']);

function extensionWork(
  events: TraceEvent[],
  pid: number,
  tid: number,
  samples: PageTrace['samples'],
): PageTrace['work'] {
  const isExtension = (e: TraceEvent) => String(e.args?.data?.url ?? '').startsWith('chrome-extension://');
  const cpu = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;
  const byTime = (a: TraceEvent, b: TraceEvent) => a.ts - b.ts;
  const own = events.filter((e) => e.pid === pid && e.tid === tid);
  const complete = own.filter((e) => e.ph === 'X');
  const tasks = complete.filter((e) => e.name === 'RunTask').sort(byTime);
  const entries = complete.filter((e) => ENTRY_EVENTS.has(e.name)).sort(byTime);
  const callbacks = complete.filter((e) => CALLBACK_TASKS.has(e.name)).sort(byTime);
  const schedules = own.filter((e) => SCHEDULES.has(e.name)).sort(byTime);
  /** Scheduler tasks the extension's code scheduled, by frame and id. */
  const ours = new Set<string>();
  const taskKey = (e: TraceEvent) => `${e.args?.data?.frame}:${e.args?.data?.taskId}`;
  const claim = (from: number, until: number) => {
    for (let k = firstAtOrAfter(schedules, from); k < schedules.length && schedules[k]!.ts < until; k++)
      if (schedules[k]!.args?.data?.taskId !== undefined) ours.add(taskKey(schedules[k]!));
  };
  const work: PageTrace['work'] = [];
  // (Pointers that move on with the tasks, which do not overlap: a trace holds 10^5 events.)
  let i = 0;
  let c = 0;
  let p = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    while (i < entries.length && entries[i]!.ts < task.ts) i++;
    while (c < callbacks.length && callbacks[c]!.ts < task.ts) c++;
    while (p < samples.length && samples[p]!.ts < task.ts) p++;
    const inside: TraceEvent[] = [];
    for (let j = i; j < entries.length && entries[j]!.ts < end; j++) inside.push(entries[j]!);
    const callback = c < callbacks.length && callbacks[c]!.ts < end ? callbacks[c]! : null;
    const scheduledByUs = callback?.args?.data?.taskId !== undefined && ours.has(taskKey(callback));
    if (callback && (scheduledByUs || (inside.length > 0 && inside.every(isExtension)))) {
      work.push({ ts: task.ts, cpu: cpu(task) });
      claim(task.ts, end);
      continue;
    }
    // A task that only ran promise continuations, with no callback of the page's scheduler or
    // timers (an extension API's answer resolving the polyfill's promise): whose they are only
    // the samples can tell. The task's thread time, if more than half its samples are the
    // extension's.
    if (!callback && inside.length === 0) {
      let ext = 0;
      let all = 0;
      for (let k = p; k < samples.length && samples[k]!.ts < end; k++) {
        all += samples[k]!.weight;
        if (samples[k]!.extension) ext += samples[k]!.weight;
      }
      if (ext * 2 > all) {
        work.push({ ts: task.ts, cpu: cpu(task) });
        claim(task.ts, end);
      }
      continue;
    }
    // (Outermost calls only: one nested in another is in its time already.)
    let coveredUntil = -Infinity;
    for (let n = 0; n < inside.length; n++) {
      const call = inside[n]!;
      if (call.ts < coveredUntil || !isExtension(call)) continue;
      const callEnd = call.ts + (call.dur ?? 0);
      // Its promise continuations (an async listener's, after an await) run once it returns,
      // with no script entry of their own; whose they are, only a step they schedule tells. So
      // the time up to the last such scheduling before the next script, in thread time as the
      // task ran it, counts too (a DOMContentLoaded listener's last step, yielding to the page).
      let next = n + 1;
      while (next < inside.length && inside[next]!.ts < callEnd) next++;
      const gapEnd = Math.min(inside[next]?.ts ?? end, end);
      let lastSchedule = -Infinity;
      for (let k = firstAtOrAfter(schedules, callEnd); k < schedules.length && schedules[k]!.ts < gapEnd; k++)
        lastSchedule = schedules[k]!.ts;
      const until = Math.max(callEnd, lastSchedule + 1);
      const running = (task.tdur ?? task.dur ?? 0) / Math.max(1, task.dur ?? 0);
      work.push({ ts: call.ts, cpu: cpu(call) + (until - callEnd) * running });
      claim(call.ts, until);
      coveredUntil = callEnd;
    }
  }
  return work;
}

/** The index of the first of `sorted` (by time) at or after `ts`. */
function firstAtOrAfter(sorted: readonly TraceEvent[], ts: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName: string };
}

function profileSamples(events: TraceEvent[], pid: number, tid: number): PageTrace['samples'] {
  // One profile per isolate thread; the page's is the one started on its main thread.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile?.id) return [];
  const nodes = new Map<number, ProfileNode>();
  const ids: number[] = [];
  const deltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const data = e.args?.data;
    for (const node of (data?.cpuProfile?.nodes ?? []) as ProfileNode[]) nodes.set(node.id, node);
    ids.push(...((data?.cpuProfile?.samples ?? []) as number[]));
    deltas.push(...((data?.timeDeltas ?? []) as number[]));
  }
  const isExtension = new Map<number, boolean>();
  const fromExtension = (id: number): boolean => {
    const known = isExtension.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id);
    const result =
      !!node &&
      ((node.callFrame.url ?? '').startsWith('chrome-extension://') ||
        (node.parent !== undefined && fromExtension(node.parent)));
    isExtension.set(id, result);
    return result;
  };
  const sorted = [...deltas].sort((a, b) => a - b);
  const interval = sorted[Math.floor(sorted.length / 2)] ?? 100;
  let ts = Number(profile.args?.data?.startTime ?? 0);
  const samples: PageTrace['samples'] = [];
  for (let i = 0; i < ids.length; i++) {
    ts += deltas[i] ?? 0;
    // A sample stands for the time until the next one, up to three intervals: the thread's
    // idle time has samples of its own ("(idle)"), so a longer gap is a sampler that ran late
    // on a busy machine, and whose time it was is unknown. (This makes every figure a sum of
    // samples of ≈ 0.18 ms each, and a burst that ends in such a gap up to 0.35 ms longer.)
    const weight = Math.min(deltas[i + 1] ?? interval, 3 * interval);
    samples.push({ ts, weight, extension: fromExtension(ids[i]!) });
  }
  return samples;
}

/** Trace time of the page's `performance.mark(name)`. */
export function markTime(events: TraceEvent[], name: string): number {
  const mark = events.find((e) => e.name === name && e.cat.includes('blink.user_timing'));
  if (!mark) throw new Error(`trace: no performance mark "${name}"`);
  return mark.ts;
}

/** Trace times of every `performance.mark(name)` of the page, in order. */
export function markTimes(events: TraceEvent[], name: string): number[] {
  return events
    .filter((e) => e.name === name && e.cat.includes('blink.user_timing'))
    .map((e) => e.ts)
    .sort((a, b) => a - b);
}

/** Longest main-thread task with extension code in it, after `from` (ms). */
export function longestExtensionTask(trace: PageTrace, from: number): number {
  const hits = trace.samples.filter((s) => s.extension && s.ts >= from).map((s) => s.ts);
  let longest = 0;
  let i = 0;
  const tasks = [...trace.tasks].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of tasks) {
    while (i < hits.length && hits[i]! < start) i++;
    if (i < hits.length && hits[i]! < end) longest = Math.max(longest, end - Math.max(start, from));
  }
  return longest / 1000;
}

/** Most extension time within one main-thread task after `from` (ms): how long the extension
 *  held the thread at a stretch. (A task that merely contains some extension code, such as a
 *  parser task that ran its mutation observer, can be long for reasons of its own.) */
export function longestExtensionStretch(trace: PageTrace, from = -Infinity): number {
  const tasks = [...trace.tasks].sort((a, b) => a[0] - b[0]);
  const samples = trace.samples.filter((s) => s.extension && s.ts >= from);
  let longest = 0;
  let i = 0;
  for (const [start, end] of tasks) {
    while (i < samples.length && samples[i]!.ts < start) i++;
    let inTask = 0;
    for (let j = i; j < samples.length && samples[j]!.ts < end; j++) inTask += samples[j]!.weight;
    longest = Math.max(longest, inTask);
  }
  return longest / 1000;
}

/** Longest part of a main-thread task after `from` (µs → ms). */
export function longestTaskAfter(trace: PageTrace, from: number, until = Infinity): number {
  let longest = 0;
  for (const [start, end] of trace.tasks) {
    if (end <= from || start >= until) continue;
    longest = Math.max(longest, Math.min(end, until) - Math.max(start, from));
  }
  return longest / 1000;
}

/** Main-thread time with extension code on the stack in [from, until) (ms). */
export function extensionTime(trace: PageTrace, from = -Infinity, until = Infinity): number {
  let total = 0;
  for (const s of trace.samples) if (s.extension && s.ts >= from && s.ts < until) total += s.weight;
  return total / 1000;
}

/** When extension code first ran after `from` (ms after it), or NaN. */
export function firstExtensionRun(trace: PageTrace, from: number): number {
  const first = trace.samples.find((s) => s.extension && s.ts >= from);
  return first ? (first.ts - from) / 1000 : NaN;
}

/** The extension's work (see PageTrace.work) in [from, until), thread time (ms). */
export function extensionCpu(trace: PageTrace, from = -Infinity, until = Infinity): number {
  let total = 0;
  for (const w of trace.work) if (w.ts >= from && w.ts < until) total += w.cpu;
  return total / 1000;
}

/** The extension's samples grouped into bursts separated by at least `gapMs` without any. */
export function extensionBursts(trace: PageTrace, gapMs: number, from = -Infinity): number[] {
  const bursts: number[] = [];
  let last = -Infinity;
  for (const s of trace.samples) {
    if (!s.extension || s.ts < from) continue;
    if (s.ts - last > gapMs * 1000 || bursts.length === 0) bursts.push(0);
    bursts[bursts.length - 1]! += s.weight / 1000;
    last = s.ts;
  }
  return bursts;
}
