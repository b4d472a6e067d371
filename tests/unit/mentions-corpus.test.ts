// The labelled corpus (tests/fixtures/mentions/) scored with the one matcher: the goal of
// issue 3 must hold, and the corpus itself must stay what its README promises.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOAL } from '../../src/cli/eval-goal';
import { evaluate, parsePassages, prf } from '../../src/cli/mention-eval';
import { buildMatcher } from '../../src/match/build-matcher';
import { bundledPack } from '../../src/pack/bundled';

const file = 'tests/fixtures/mentions/passages.jsonl';
const passages = parsePassages(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'), file);

describe('the mention corpus', () => {
  it('holds at least 80 passages, a third of them hard negatives, with unique ids', () => {
    expect(passages.length).toBeGreaterThanOrEqual(80);
    const hard = passages.filter((p) => p.hard);
    expect(hard.length * 3).toBeGreaterThanOrEqual(passages.length);
    for (const p of hard) expect(p.mentions, p.id).toEqual([]);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it('covers every language the pack speaks', () => {
    const langs = new Set(passages.map((p) => p.lang));
    for (const lang of ['en', 'fa', 'ps', 'ar', 'ur', 'ru', 'zh-Hans', 'zh-Hant', 'de', 'fr'])
      expect(langs).toContain(lang);
  });

  it('meets the goal: precision ≥ 0.98, recall ≥ 0.95, exact spans ≥ 90%', () => {
    const { overall, problems } = evaluate(buildMatcher(bundledPack), passages);
    const { precision, recall } = prf(overall, overall.overlap);
    const report = problems.map((p) => `${p.kind} ${p.topic} ${p.passage.id}`).join('\n');
    expect(precision, report).toBeGreaterThanOrEqual(GOAL.precision);
    expect(recall, report).toBeGreaterThanOrEqual(GOAL.recall);
    expect(overall.exact / overall.expected, report).toBeGreaterThanOrEqual(GOAL.exactShare);
  });
});
