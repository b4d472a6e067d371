// Scores the matcher against the labelled corpus (tests/fixtures/mentions/): mention-level
// precision, recall and F1 per topic and overall, counting a found mention right when it has
// the expected topic and its span overlaps the expected one ("overlap") or equals it ("exact").
import type { Matcher } from '../match/matcher';
import { mentionsInPage, paragraphs, type Mention } from '../match/page-scan';
import type { ExpectedMention } from './corpus-markup';

export interface Passage {
  id: string;
  kind: string;
  lang: string;
  /** Set on hard negatives: which trap the passage holds. */
  hard?: string;
  text: string;
  mentions: ExpectedMention[];
}

export interface Score {
  expected: number;
  found: number;
  overlap: number;
  exact: number;
}

export interface Problem {
  passage: Passage;
  kind: 'false positive' | 'miss' | 'inexact span';
  topic: string;
  start: number;
  end: number;
  /** For an inexact span: what was expected. */
  expected?: { start: number; end: number };
}

export interface Evaluation {
  byTopic: Map<string, Score>;
  overall: Score;
  problems: Problem[];
}

export function parsePassages(jsonl: string, file: string): Passage[] {
  return jsonl
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, n }) => {
      let p: Passage;
      try {
        p = JSON.parse(line) as Passage;
      } catch (error) {
        throw new Error(`${file}:${n}: not JSON (${(error as Error).message})`);
      }
      for (const m of p.mentions) {
        if (p.text.slice(m.start, m.end) !== m.text) {
          throw new Error(`${file}:${n} (${p.id}): span ${m.start}-${m.end} is not "${m.text}"`);
        }
      }
      return p;
    });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

export function evaluate(matcher: Matcher, passages: readonly Passage[]): Evaluation {
  const byTopic = new Map<string, Score>();
  const score = (topic: string) => {
    let s = byTopic.get(topic);
    if (!s) byTopic.set(topic, (s = { expected: 0, found: 0, overlap: 0, exact: 0 }));
    return s;
  };
  const problems: Problem[] = [];
  for (const passage of passages) {
    const found: Mention[] = mentionsInPage(matcher, paragraphs(passage.text));
    const used = new Set<Mention>();
    for (const e of passage.mentions) {
      score(e.topic).expected++;
      const match =
        found.find((f) => !used.has(f) && f.topic === e.topic && f.start === e.start && f.end === e.end) ??
        found.find((f) => !used.has(f) && f.topic === e.topic && overlaps(f, e));
      if (!match) {
        problems.push({ passage, kind: 'miss', topic: e.topic, start: e.start, end: e.end });
        continue;
      }
      used.add(match);
      score(e.topic).overlap++;
      if (match.start === e.start && match.end === e.end) score(e.topic).exact++;
      else
        problems.push({
          passage,
          kind: 'inexact span',
          topic: e.topic,
          start: match.start,
          end: match.end,
          expected: e,
        });
    }
    for (const f of found) {
      score(f.topic).found++;
      if (!used.has(f)) problems.push({ passage, kind: 'false positive', topic: f.topic, start: f.start, end: f.end });
    }
  }
  const overall: Score = { expected: 0, found: 0, overlap: 0, exact: 0 };
  for (const s of byTopic.values()) {
    overall.expected += s.expected;
    overall.found += s.found;
    overall.overlap += s.overlap;
    overall.exact += s.exact;
  }
  return { byTopic, overall, problems };
}

/** Precision, recall and F1, counting `hits` right answers. */
export function prf(s: Score, hits: number): { precision: number; recall: number; f1: number } {
  const precision = s.found === 0 ? 1 : hits / s.found;
  const recall = s.expected === 0 ? 1 : hits / s.expected;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
