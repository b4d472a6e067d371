// npm run eval:mentions — scores the matcher on the labelled corpus and lists every false
// positive, miss and inexact span with its passage. Exit code 1 when the goal is not met.
import { readFileSync } from 'node:fs';
import { buildMatcher } from '../match/build-matcher';
import { loadDataFiles } from '../pack/data-files';
import { GOAL } from './eval-goal';
import { evaluate, parsePassages, prf, type Problem, type Score } from './mention-eval';

const CORPUS = new URL('../../tests/fixtures/mentions/passages.jsonl', import.meta.url);

const pct = (x: number) => x.toFixed(3);

function row(name: string, s: Score): string {
  const o = prf(s, s.overlap);
  const x = prf(s, s.exact);
  return [
    name.padEnd(10),
    String(s.expected).padStart(8),
    String(s.found).padStart(6),
    `${pct(o.precision)} ${pct(o.recall)} ${pct(o.f1)}`.padStart(20),
    `${pct(x.precision)} ${pct(x.recall)} ${pct(x.f1)}`.padStart(20),
  ].join('  ');
}

function show(p: Problem): string {
  const t = p.passage.text;
  const context = `${t.slice(Math.max(0, p.start - 50), p.start)}«${t.slice(p.start, p.end)}»${t.slice(p.end, p.end + 50)}`;
  const expected = p.expected ? ` (expected «${t.slice(p.expected.start, p.expected.end)}»)` : '';
  return `  ${p.kind.padEnd(14)} ${p.topic.padEnd(9)} ${p.passage.id}${expected}\n      …${context.replace(/\s+/g, ' ')}…`;
}

const { pack } = loadDataFiles(new URL('../../data/', import.meta.url));
const passages = parsePassages(readFileSync(CORPUS, 'utf8'), 'tests/fixtures/mentions/passages.jsonl');
const result = evaluate(buildMatcher(pack), passages);
const hard = passages.filter((p) => p.hard).length;

console.log(`${passages.length} passages (${hard} hard negatives), ${result.overall.expected} expected mentions\n`);
console.log(`${'topic'.padEnd(10)}  expected  found   overlap P     R     F1     exact P     R     F1`);
for (const [topic, s] of [...result.byTopic].sort()) console.log(row(topic, s));
console.log(row('overall', result.overall));
for (const kind of ['false positive', 'miss', 'inexact span'] as const) {
  const list = result.problems.filter((p) => p.kind === kind);
  console.log(`\n${kind === 'miss' ? 'misses' : `${kind}s`}: ${list.length}`);
  for (const p of list) console.log(show(p));
}
const o = prf(result.overall, result.overall.overlap);
const exactShare = result.overall.exact / result.overall.expected;
const met = o.precision >= GOAL.precision && o.recall >= GOAL.recall && exactShare >= GOAL.exactShare;
console.log(
  `\ngoal (P ≥ ${GOAL.precision}, R ≥ ${GOAL.recall}, exact ≥ ${GOAL.exactShare}): ${met ? 'met' : 'NOT met'}` +
    ` (P ${pct(o.precision)}, R ${pct(o.recall)}, exact ${pct(exactShare)})`,
);
if (!met) process.exitCode = 1;
