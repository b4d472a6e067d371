// npm run speed:matcher [-- --json] — the matcher's throughput in Node on English and on
// mixed-script text, against a bare compiled-regex scan of the same aliases and cue words
// (one `gi` alternation, exec loop, no checks): the floor any regex matcher pays. Issue 3
// wants the matcher within 2× of that floor.
import { fileURLToPath } from 'node:url';
import { Matcher } from '../match/matcher';
import { buildMatcher } from '../match/build-matcher';
import { aliasSource } from '../match/normalize';
import type { TopicPack } from '../pack/types';
import { bundledPack } from '../pack/bundled';

/** Realistic paragraphs with a mention now and then (most text has none). */
const ENGLISH = [
  'The government said on Tuesday that inflation had slowed for the third month in a row, though food prices kept rising in most provinces and the central bank warned of further pressure on the currency.',
  'Officials in Kabul said the Taliban would not hand over Bagram Air Base, and that the 2020 agreement with Washington ruled out any foreign troops on Afghan soil.',
  'Scientists at the university have published a study showing that coastal wetlands store far more carbon than previously thought, and that restoring them could offset a meaningful share of emissions.',
  'The city council voted to extend the tram line to the airport, a project that has been discussed for more than a decade and whose cost has doubled since the first plans were drawn up in 2012.',
  'Fans queued overnight for tickets to the final, which sold out in eleven minutes; resale prices online reached ten times the face value before the organisers cancelled thousands of suspicious orders.',
];
const MIXED = [
  ...ENGLISH.slice(0, 3),
  'Власти заявили, что переговоры продолжатся на следующей неделе, а вывод войск из Баграма был предусмотрен Дохинским соглашением.',
  'وزارت اقتصاد اعلام کرد که نرخ تورم در ماه گذشته کاهش یافته است و قاری فصیح‌الدین فطرت درباره بگرام سخن گفت.',
  'وقالت الحكومة إن الاقتصاد سينمو هذا العام، بينما رفضت طالبان إعادة قاعدة باغرام بموجب اتفاق الدوحة.',
  '政府表示，今年经济将稳步增长，塔利班拒绝归还巴格拉姆空军基地，并称多哈协议已规定美军撤出。',
];

function corpus(paragraphs: readonly string[], bytes: number): string[] {
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = paragraphs[i % paragraphs.length] ?? '';
    out.push(p);
    size += p.length;
  }
  return out;
}

/** The floor: the regex the matcher compiles (the same aliases and scanned cue words, shared
 *  beginnings factored out), run alone: an exec loop counting hits, with no boundary, case or
 *  rule work. */
function bareRegex(matcher: Matcher): RegExp {
  return new RegExp(matcher.source, 'gi');
}

/** The same words as a flat `a|b|c…` alternation, longest first: what factoring saves. */
function flatRegex(pack: TopicPack): RegExp {
  const words = [
    ...pack.topics.flatMap((t) => t.aliases.map((a) => ({ text: a.text, endings: a.endings }))),
    ...Object.values(pack.cues).flat(),
  ].sort((a, b) => b.text.length - a.text.length);
  return new RegExp(words.map((w) => aliasSource(w.text, w.endings)).join('|'), 'gi');
}

/** Best-of-rounds MB/s of each scan, the scans taking turns each round so that a busy
 *  machine slows them alike. */
function race(blocks: readonly string[], runs: readonly ((text: string) => number)[]): number[] {
  const chars = blocks.reduce((n, b) => n + b.length, 0);
  const best = runs.map(() => Infinity);
  for (let round = 0; round < 9; round++) {
    runs.forEach((run, i) => {
      const t0 = performance.now();
      for (const b of blocks) run(b);
      best[i] = Math.min(best[i] ?? Infinity, performance.now() - t0);
    });
  }
  // UTF-16 code units ≈ bytes of Latin text; reported as MB of text per second.
  return best.map((ms) => chars / 1e6 / (ms / 1000));
}

export function measure(pack: TopicPack = bundledPack): Record<string, number> {
  const matcher = buildMatcher(pack);
  const bare = bareRegex(matcher);
  const floor = (text: string) => {
    bare.lastIndex = 0;
    let n = 0;
    while (bare.exec(text)) n++;
    return n;
  };
  const ours = (text: string) => matcher.scan(text).candidates.length;
  const flat = flatRegex(pack);
  const flatFloor = (text: string) => {
    flat.lastIndex = 0;
    let n = 0;
    while (flat.exec(text)) n++;
    return n;
  };
  const figures: Record<string, number> = {};
  for (const [name, paragraphs] of [
    ['english', ENGLISH],
    ['mixed', MIXED],
  ] as const) {
    const [m = 0, f = 0, flatMBps = 0] = race(corpus(paragraphs, 4_000_000), [ours, floor, flatFloor]);
    figures[`${name}MatcherMBps`] = Math.round(m);
    figures[`${name}BareRegexMBps`] = Math.round(f);
    figures[`${name}FlatRegexMBps`] = Math.round(flatMBps);
    figures[`${name}SlowdownX`] = Math.round((f / m) * 100) / 100;
  }
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = measure();
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else {
    console.log('text      matcher MB/s  bare regex MB/s  slowdown  flat alternation MB/s');
    for (const name of ['english', 'mixed']) {
      const cell = (key: string, width: number) => String(figures[`${name}${key}`]).padStart(width);
      console.log(
        `${name.padEnd(8)}  ${cell('MatcherMBps', 12)}  ${cell('BareRegexMBps', 15)}  ${cell('SlowdownX', 7)}×  ${cell('FlatRegexMBps', 21)}`,
      );
    }
  }
}
