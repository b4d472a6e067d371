// The matcher's throughput in Node, against a bare compiled regex of the same aliases (the
// fastest a regex scan of the text can be; DESIGN.md measured ≈500 MB/s for it).
import { Matcher } from '../../src/match/matcher';
import { bundledPack } from '../../src/pack/bundled';
import { aliasRegexSource } from './pages';
import { pick, seededRandom } from './random';
import { MENTIONS, prose } from './text';

export interface ThroughputFigures {
  matcherMBs: number;
  regexMBs: number;
  mentions: number;
}

/** About `chars` characters of prose with a mention every ~5,000 characters. */
export function sampleText(seed: number, chars: number, mixed: boolean): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const part = `${prose(random, 800, mixed)} ${pick(random, MENTIONS)} `;
    parts.push(part);
    length += part.length;
  }
  return parts.join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function timeMs(run: () => void, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function matcherThroughput(text: string, repeats: number): ThroughputFigures {
  const matcher = new Matcher(bundledPack);
  const regex = new RegExp(aliasRegexSource(), 'gi');
  let mentions = 0;
  const matcherMs = timeMs(() => {
    mentions = matcher.scan(text).candidates.length;
  }, repeats);
  const regexMs = timeMs(() => {
    regex.lastIndex = 0;
    while (regex.exec(text)) {
      /* counting is all the floor does */
    }
  }, repeats);
  const mb = text.length / 1e6;
  return { matcherMBs: mb / (matcherMs / 1000), regexMBs: mb / (regexMs / 1000), mentions };
}
