import type { Figures } from './page-bench';
import { AD_FRAMES } from './pages';

export interface Target {
  figure: string;
  label: string;
  /** The figure must be at most (`max`) or at least (`min`) this. */
  max?: number;
  min?: number;
}

/** The targets (issue 6). Timing thresholds live here, never in unit tests. */
export const TARGETS: Target[] = [
  { figure: 'small.speedupVsMarkjs', label: '1 MB: mark.js time / extension time', min: 5 },
  { figure: 'large.speedupVsMarkjs', label: '5 MB: mark.js time / extension time', min: 5 },
  { figure: 'small.ratioToFloor', label: '1 MB: extension time / floor time', max: 1.5 },
  { figure: 'large.ratioToFloor', label: '5 MB: extension time / floor time', max: 1.5 },
  {
    figure: 'large.longestExtensionStretchMs',
    label: '5 MB: most extension time in one task, whole load (ms)',
    max: 50,
  },
  {
    figure: 'block.longestExtensionStretchMs',
    label: 'one block of 2 MB: most extension time in one task, whole load (ms)',
    max: 50,
  },
  { figure: 'idle.extensionMs', label: 'page without mentions: extension main-thread time (ms)', max: 2 },
  { figure: 'scroll.batchMaxMs', label: 'infinite scroll: extension time, worst batch (ms)', max: 2 },
  { figure: 'ops.ratio', label: 'page DOM operations with 30k marks / without', max: 1.2 },
  { figure: 'contentScript.gzipKB', label: 'content script, gzipped (KB)', max: 30 },
];

export interface TargetResult extends Target {
  value: number;
  pass: boolean;
}

export function judge(figures: Figures): TargetResult[] {
  return TARGETS.map((t) => {
    const value = figures[t.figure] ?? NaN;
    const pass = (t.max === undefined || value <= t.max) && (t.min === undefined || value >= t.min);
    return { ...t, value, pass };
  });
}

/** Figures computed from the medians: ratios are what compare across machines. */
export function addRatios(figures: Figures): Figures {
  const out = { ...figures };
  for (const key of ['small', 'large', 'block']) {
    const ext = figures[`${key}.extensionMs`];
    const markjs = figures[`${key}.markjsMs`];
    const floor = figures[`${key}.floorMs`];
    if (ext !== undefined && markjs !== undefined) out[`${key}.speedupVsMarkjs`] = markjs / ext;
    if (ext !== undefined && floor !== undefined) out[`${key}.ratioToFloor`] = ext / floor;
    // All of the extension's main-thread time for the page, while it loads too, against the
    // floor's one pass: what the marks cost the page in all.
    const busy = figures[`${key}.extensionBusyTotalMs`];
    if (busy !== undefined && floor !== undefined) out[`${key}.busyRatioToFloor`] = busy / floor;
  }
  const without = figures['ops.withoutMs'];
  if (figures['ops.extensionMs'] !== undefined && without !== undefined) {
    out['ops.ratio'] = figures['ops.extensionMs'] / without;
  }
  const bareObserver = figures['ops.bareObserverMs'];
  if (bareObserver !== undefined && without !== undefined) out['ops.bareObserverRatio'] = bareObserver / without;
  // What the extension costs the page's changes beyond observing them, as any extension that
  // keeps up with them must.
  if (figures['ops.extensionMs'] !== undefined && bareObserver !== undefined) {
    out['ops.ratioToBareObserver'] = figures['ops.extensionMs'] / bareObserver;
  }
  for (const [ext, floor, ratio] of [
    ['scroll.batchMeanMs', 'scroll.floorBatchMeanMs', 'scroll.batchMeanRatioToFloor'],
    ['scroll.batchMaxMs', 'scroll.floorBatchMaxMs', 'scroll.batchMaxRatioToFloor'],
  ] as const) {
    if (figures[ext] !== undefined && figures[floor] !== undefined) out[ratio] = figures[ext] / figures[floor];
  }
  const frames = figures['idle.framesExtensionMs'];
  if (frames !== undefined && figures['idle.smallExtensionMs'] !== undefined) {
    out['idle.perAdFrameMs'] = (frames - figures['idle.smallExtensionMs']) / AD_FRAMES;
  }
  for (const [ext, floor, ratio] of [
    ['idle.extensionMs', 'idle.floorMs', 'idle.ratioToFloor'],
    ['idle.quotedExtensionMs', 'idle.quotedFloorMs', 'idle.quotedRatioToFloor'],
  ] as const) {
    if (figures[ext] !== undefined && figures[floor] !== undefined) out[ratio] = figures[ext] / figures[floor];
  }
  for (const key of ['english', 'mixed']) {
    const matcher = figures[`matcher.${key}MBs`];
    const regex = figures[`matcher.${key}RegexMBs`];
    if (matcher !== undefined && regex !== undefined) out[`matcher.${key}Ratio`] = matcher / regex;
  }
  return out;
}

const DESCRIPTIONS: Record<string, string> = {
  'small.extensionMs': '1 MB, 200 mentions: DOMContentLoaded → all marked, extension (ms)',
  'small.markjsMs': '1 MB: same marks by mark.js markRegExp (ms)',
  'small.floorMs': '1 MB: floor, TreeWalker + regex, marks nothing (ms)',
  'small.extensionBusyMs': '1 MB: extension main-thread time after DCL (ms)',
  'small.extensionStartMs': '1 MB: DCL → extension code first runs (ms)',
  'small.extensionBusyTotalMs': '1 MB: extension main-thread time, whole load (ms)',
  'small.extensionFromNavigationMs': '1 MB: navigation start → all marked, extension (ms)',
  'small.markjsFromNavigationMs': '1 MB: navigation start → all marked, mark.js (ms)',
  'small.floorFromNavigationMs': '1 MB: navigation start → scanned, floor (ms)',
  'small.dclWithExtensionMs': '1 MB: navigation start → DOMContentLoaded, with extension (ms)',
  'small.dclWithoutMs': '1 MB: navigation start → DOMContentLoaded, without (ms)',
  'small.busyRatioToFloor': '1 MB: extension main-thread time, whole load / floor time',
  'small.longestTaskMs': '1 MB: longest task after DCL, with extension (ms)',
  'small.longestTaskWithoutMs': '1 MB: longest task after DCL, without (ms)',
  'small.longestExtensionStretchMs': '1 MB: most extension time in one task, whole load (ms)',
  'large.longestExtensionTaskMs': '5 MB: longest task running extension code, after DCL (ms)',
  'small.longestExtensionTaskMs': '1 MB: longest task running extension code, after DCL (ms)',
  'large.extensionMs': '5 MB, 200 mentions: DOMContentLoaded → all marked, extension (ms)',
  'large.markjsMs': '5 MB: same marks by mark.js markRegExp (ms)',
  'large.floorMs': '5 MB: floor, TreeWalker + regex, marks nothing (ms)',
  'large.extensionBusyMs': '5 MB: extension main-thread time after DCL (ms)',
  'large.extensionStartMs': '5 MB: DCL → extension code first runs (ms)',
  'large.extensionBusyTotalMs': '5 MB: extension main-thread time, whole load (ms)',
  'large.extensionFromNavigationMs': '5 MB: navigation start → all marked, extension (ms)',
  'large.markjsFromNavigationMs': '5 MB: navigation start → all marked, mark.js (ms)',
  'large.floorFromNavigationMs': '5 MB: navigation start → scanned, floor (ms)',
  'large.dclWithExtensionMs': '5 MB: navigation start → DOMContentLoaded, with extension (ms)',
  'large.dclWithoutMs': '5 MB: navigation start → DOMContentLoaded, without (ms)',
  'large.busyRatioToFloor': '5 MB: extension main-thread time, whole load / floor time',
  'large.longestTaskMs': '5 MB: longest task after DCL, with extension (ms)',
  'large.longestTaskWithoutMs': '5 MB: longest task after DCL, without (ms)',
  'block.extensionMs': 'one block of 2 MB, 200 mentions: DOMContentLoaded → all marked, extension (ms)',
  'block.markjsMs': 'one block of 2 MB: same marks by mark.js markRegExp (ms)',
  'block.floorMs': 'one block of 2 MB: floor, TreeWalker + regex, marks nothing (ms)',
  'block.extensionBusyTotalMs': 'one block of 2 MB: extension main-thread time, whole load (ms)',
  'block.longestTaskMs': 'one block of 2 MB: longest task after DCL, with extension (ms)',
  'block.longestTaskWithoutMs': 'one block of 2 MB: longest task after DCL, without (ms)',
  'idle.extensionSampledMs':
    'page without mentions (1 MB): the same, summed from CPU samples as before 2026-11-28 (ms)',
  'idle.quotedExtensionMs': 'page without mentions (1 MB) in curly quotes: extension main-thread time (ms)',
  'idle.smallExtensionMs': 'page without mentions, 100 KB: extension main-thread time (ms)',
  'idle.framesExtensionMs': 'the same with 20 small ad frames: extension main-thread time (ms)',
  'idle.perAdFrameMs': 'each small ad frame without mentions: extension main-thread time (ms)',
  'idle.floorMs': 'page without mentions (1 MB): floor, TreeWalker + regex, finds nothing (ms)',
  'idle.ratioToFloor': 'page without mentions (1 MB): extension main-thread time / floor time',
  'idle.quotedFloorMs': 'the page of quotes: floor, TreeWalker + regex, finds nothing (ms)',
  'idle.quotedRatioToFloor': 'the page of quotes: extension main-thread time / floor time',
  'scroll.batchMeanMs': 'infinite scroll: extension time per batch, mean (ms)',
  'scroll.cardsBatchMeanMs': 'infinite scroll of link cards, line breaks between: per batch, mean (ms)',
  'scroll.cardsBatchMaxMs': 'infinite scroll of link cards, line breaks between: worst batch (ms)',
  'scroll.floorBatchMeanMs': 'infinite scroll: floor (observer, TreeWalker + regex) per batch, mean (ms)',
  'scroll.floorBatchMaxMs': 'infinite scroll: floor per batch, worst (ms)',
  'scroll.batchMeanRatioToFloor': 'infinite scroll: extension / floor per batch, mean',
  'scroll.batchMaxRatioToFloor': 'infinite scroll: extension / floor per batch, worst',
  'scroll.batchSampledMeanMs': 'infinite scroll: per batch, mean, summed from CPU samples as before 2026-11-28 (ms)',
  'scroll.cardsBatchSampledMeanMs': 'the same for the feed of link cards (ms)',
  'ops.extensionMs': '4,000 page DOM operations, 30k marks, with extension (ms)',
  'ops.withoutMs': '4,000 page DOM operations, without extension (ms)',
  'ops.bareObserverMs': '4,000 page DOM operations, a no-op MutationObserver instead (ms)',
  'ops.bareObserverRatio': 'page DOM operations with a no-op MutationObserver / without',
  'ops.ratioToBareObserver': 'page DOM operations with 30k marks / with a no-op MutationObserver',
  'ops.catchUpMs': 'extension time catching up after those operations (ms)',
  'matcher.englishMBs': 'matcher in Node, English text (M chars/s)',
  'matcher.englishRegexMBs': 'its compiled regex run bare, English text (M chars/s)',
  'matcher.englishRatio': 'matcher / bare regex, English',
  'matcher.mixedMBs': 'matcher in Node, mixed-script text (M chars/s)',
  'matcher.mixedRegexMBs': 'its compiled regex run bare, mixed-script text (M chars/s)',
  'matcher.mixedRatio': 'matcher / bare regex, mixed-script',
  'contentScript.rawKB': 'content script, raw (KB)',
};

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The human-readable table: targets first (with pass/fail), then the other figures. */
export function table(figures: Figures, results: TargetResult[]): string {
  const rows: string[][] = [['figure', 'value', 'target', 'result']];
  for (const r of results) {
    const target = r.max !== undefined ? `≤ ${r.max}` : `≥ ${r.min}`;
    rows.push([r.label, format(r.value), target, r.pass ? 'pass' : 'FAIL']);
  }
  const shown = new Set(results.map((r) => r.figure));
  // Ratios first: they compare across machines; the times behind them follow.
  const isRatio = (name: string) => /ratio|speedup/i.test(name);
  const rest = Object.entries(figures).filter(([name]) => !shown.has(name));
  for (const [name, value] of [...rest.filter(([n]) => isRatio(n)), ...rest.filter(([n]) => !isRatio(n))]) {
    rows.push([DESCRIPTIONS[name] ?? name, format(value), '', '']);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
