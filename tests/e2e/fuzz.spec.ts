// DOM fuzzing (issue 7): 1,000 seeded random DOMs in one browser session with the built
// extension. Each case must keep its text, throw nothing, and be marked exactly where it
// planted a mention in prose: every mark an alias variant of its topic, none across a block
// boundary or inside an editable region, form field, script or template.
//
//   FUZZ_CASES=200 npx playwright test tests/e2e/fuzz.spec.ts     fewer cases
//   FUZZ_SEED=1234 npx playwright test tests/e2e/fuzz.spec.ts     replay one failing seed
import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, pageProblems, test } from './fixtures';
import {
  generateCase,
  installTextOffsets,
  packFacts,
  type FuzzCase,
  type FuzzNode,
  type Planted,
  type TextOffsetsWindow,
} from './fuzz-dom';

const FIRST_SEED = Number(process.env.FUZZ_SEED_BASE ?? 1);
const CASES = process.env.FUZZ_SEED ? 1 : Number(process.env.FUZZ_CASES ?? 1000);
/** Cases built side by side in one page task (independent roots), then checked together. */
const GROUP = 5;

interface CaseResult {
  seed: number;
  problems: string[];
  marks: number;
  inShadowRoots: number;
}

/** Runs in the page: builds each case under its own root, waits for the marks to settle,
 *  checks them. Self-contained (Playwright ships the function's source to the page). */
async function runGroup({
  cases,
  variants,
  waitMs,
}: {
  cases: FuzzCase[];
  variants: Record<string, string>;
  waitMs: number;
}) {
  const container = document.getElementById('cases')!;
  container.replaceChildren();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  interface Built {
    c: FuzzCase;
    root: HTMLElement;
    /** Where offsets count from: the case's root, then each shadow root built in it. */
    spaces: Node[];
    text: string;
    at: Map<number, { space: number; start: number; end: number }>;
    observer: MutationObserver;
  }
  const textOf = (spaces: Node[]) => spaces.map((s) => s.textContent ?? '').join('\u0001');
  const built: Built[] = [];
  for (const c of cases) {
    const root = document.createElement('div');
    const spaces: Node[] = [root];
    const offsets = [0];
    const at = new Map<number, { space: number; start: number; end: number }>();
    /** `space`: whose text offsets count (null: none, as in a template's content). */
    const build = (parent: Node, nodes: FuzzNode[], space: number | null) => {
      for (const n of nodes) {
        if (n.t === 'text') {
          parent.appendChild(document.createTextNode(n.v));
          if (space !== null) offsets[space]! += n.v.length;
        } else if (n.t === 'comment') parent.appendChild(document.createComment(n.v));
        else if (n.t === 'at') {
          const entry = at.get(n.id) ?? { space: space ?? -1, start: -1, end: -1 };
          entry[n.edge] = space === null ? -1 : offsets[space]!;
          at.set(n.id, entry);
        } else {
          const el = n.svg
            ? document.createElementNS('http://www.w3.org/2000/svg', n.tag)
            : document.createElement(n.tag);
          for (const [k, v] of Object.entries(n.attrs ?? {})) el.setAttribute(k, v);
          build(el, n.kids, space);
          if (n.content && el instanceof HTMLTemplateElement) build(el.content, n.content, null);
          if (n.shadow) {
            const shadow = el.attachShadow({ mode: 'open' });
            offsets.push(0);
            build(shadow, n.shadow, spaces.push(shadow) - 1);
          }
          parent.appendChild(el);
        }
      }
    };
    build(root, c.nodes, 0);
    container.appendChild(root);
    const observer = new MutationObserver(() => {});
    for (const space of spaces) {
      observer.observe(space, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    built.push({ c, root, spaces, text: textOf(spaces), at, observer });
  }

  const offsetIn = (window as unknown as TextOffsetsWindow).__textOffsets();
  interface Mark {
    topic: string;
    space: number;
    start: number;
    end: number;
    range: Range | null;
  }
  /** The space (case root or one of its shadow roots) a node's text counts in, or -1. */
  const spaceOf = (b: Built, node: Node) => {
    const tree = node.getRootNode();
    if (tree instanceof ShadowRoot) return b.spaces.indexOf(tree);
    return b.root.contains(node) ? 0 : -1;
  };
  const marksOf = (b: Built): Mark[] => {
    const out: Mark[] = [];
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('context-overlay-')) continue;
      for (const r of highlight) {
        const space = spaceOf(b, r.startContainer);
        if (space < 0) continue;
        const topic = name.slice('context-overlay-'.length);
        try {
          const range = document.createRange();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          out.push({
            topic,
            space,
            start: offsetIn(b.spaces[space]!, r.startContainer, r.startOffset),
            end: offsetIn(b.spaces[space]!, r.endContainer, r.endOffset),
            range,
          });
        } catch {
          out.push({ topic, space, start: -1, end: -1, range: null });
        }
      }
    }
    return out.sort((x, y) => x.space - y.space || x.start - y.start || x.topic.localeCompare(y.topic));
  };
  const required = (b: Built) => b.c.planted.filter((p: Planted) => p.expect === 'marked');
  const markKey = (m: { topic: string; space: number; start: number; end: number }) =>
    `${m.topic}@${m.space}:${m.start}-${m.end}`;
  const key = (marks: Mark[]) => marks.map(markKey).join(' ');
  const allFound = () =>
    built.every((b) => {
      const found = new Set(marksOf(b).map(markKey));
      return required(b).every((p) => found.has(markKey({ topic: p.topic, ...b.at.get(p.id)! })));
    });

  // Settled: every required mark is there, and nothing changes for two more polls.
  const deadline = performance.now() + waitMs;
  let last = '';
  let stable = 0;
  while (performance.now() < deadline) {
    await sleep(15);
    if (!allFound()) continue;
    const now = built.map((b) => key(marksOf(b))).join('|');
    stable = now === last ? stable + 1 : 0;
    last = now;
    if (stable >= 2) break;
  }

  const fold = (s: string) =>
    s
      .replace(/[\s\u00a0\u202f]+/g, ' ')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/[\u2019\u02bc]/g, "'")
      .trim()
      .toLowerCase();
  const FORBIDDEN = 'textarea, input, select, button, script, style, template, noscript';
  return built.map((b) => {
    const problems: string[] = [];
    const marks = marksOf(b);
    for (const m of marks) {
      if (!m.range) {
        problems.push(`${m.topic}: a range that is no longer valid`);
        continue;
      }
      const text = m.range.toString();
      const where = `${m.topic} "${text}" at ${m.space ? `shadow root ${m.space}, ` : ''}${m.start}`;
      if (!new RegExp(variants[m.topic] ?? '^$', 'u').test(fold(text))) problems.push(`${where}: not an alias variant`);
      // Elements the range enters or leaves (those not holding both ends) must be inline.
      const ancestor = m.range.commonAncestorContainer;
      const walker = document.createTreeWalker(ancestor, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
        if (!m.range.intersectsNode(n)) continue;
        if (n.nodeType === Node.TEXT_NODE) {
          const parent = n.parentElement;
          if (parent?.isContentEditable) problems.push(`${where}: enters an editable region`);
          else if (parent?.closest(FORBIDDEN))
            problems.push(`${where}: enters <${parent.closest(FORBIDDEN)!.localName}>`);
          continue;
        }
        const el = n as Element;
        if (el.contains(m.range.startContainer) && el.contains(m.range.endContainer)) continue;
        if (el.matches(FORBIDDEN)) problems.push(`${where}: spans <${el.localName}>`);
        else if (getComputedStyle(el).display !== 'inline')
          problems.push(`${where}: crosses <${el.localName}> (block)`);
      }
      const plant = b.c.planted.find((p) => {
        const pos = b.at.get(p.id)!;
        return pos.space === m.space && pos.start === m.start && pos.end === m.end;
      });
      if (!plant) problems.push(`${where}: no mention was planted there`);
      else if (plant.topic !== m.topic) problems.push(`${where}: planted as ${plant.topic}`);
    }
    for (const p of b.c.planted) {
      const pos = b.at.get(p.id)!;
      const over = marks.filter((m) => m.space === pos.space && m.start < pos.end && m.end > pos.start);
      if (p.expect === 'marked' && !over.some((m) => m.start === pos.start && m.end === pos.end)) {
        problems.push(
          `${p.topic} ${JSON.stringify(p.text)} at ${pos.space ? `shadow root ${pos.space}, ` : ''}${pos.start}: not marked`,
        );
      }
      if (p.expect === 'unmarked' && over.length) {
        problems.push(
          `${p.topic} ${JSON.stringify(p.text)} at ${pos.space ? `shadow root ${pos.space}, ` : ''}${pos.start}: marked where it must not be`,
        );
      }
    }
    if (textOf(b.spaces) !== b.text) problems.push('the text changed');
    const records = b.observer.takeRecords();
    b.observer.disconnect();
    if (records.length) problems.push(`${records.length} DOM mutations`);
    return { seed: b.c.seed, problems, marks: marks.length, inShadowRoots: marks.filter((m) => m.space > 0).length };
  });
}

/** The topic pack the tested build was made from: beside EXTENSION_PATH's project if set. */
function topicsFile(): string {
  const beside = process.env.EXTENSION_PATH && resolve(process.env.EXTENSION_PATH, '../../data/topics.json');
  return beside && existsSync(beside) ? beside : 'data/topics.json';
}

/** Stops after this many failing cases: a broken build would otherwise wait out every group. */
const MAX_FAILING = 25;

async function fuzz(page: Page, seeds: number[], failing: CaseResult[]): Promise<CaseResult[]> {
  const facts = packFacts(topicsFile());
  const results: CaseResult[] = [];
  for (let i = 0; i < seeds.length && failing.length < MAX_FAILING; i += GROUP) {
    const cases = seeds.slice(i, i + GROUP).map((seed) => generateCase(seed, facts));
    // Generous while all is well (two cores, other suites running); short once marks went missing.
    const waitMs = failing.length ? 1500 : 15_000;
    for (const result of await page.evaluate(runGroup, { cases, variants: facts.variants, waitMs })) {
      results.push(result);
      if (result.problems.length === 0) continue;
      failing.push(result);
      console.log(
        `FUZZ_SEED=${result.seed} npx playwright test tests/e2e/fuzz.spec.ts\n  ${result.problems.join('\n  ')}`,
      );
    }
  }
  return results;
}

test('1,000 random DOMs: text kept, no error, marks exactly on the planted mentions', async ({ page, server }) => {
  test.setTimeout(240_000);
  const { problems: errors, during } = pageProblems(page);
  await page.addInitScript(installTextOffsets);
  await page.goto(server.url('hostile/fuzz.html'));
  await expect.poll(() => page.evaluate(() => CSS.highlights.has('context-overlay-bagram'))).toBe(true);

  const seeds = process.env.FUZZ_SEED
    ? [Number(process.env.FUZZ_SEED)]
    : Array.from({ length: CASES }, (_, i) => FIRST_SEED + i);
  const started = Date.now();
  const results: CaseResult[] = [];
  const failing: CaseResult[] = [];
  for (let i = 0; i < seeds.length && failing.length < MAX_FAILING; i += 50) {
    const chunk = seeds.slice(i, i + 50);
    during(`seeds ${chunk[0]}–${chunk[chunk.length - 1]}`);
    results.push(...(await fuzz(page, chunk, failing)));
  }
  const marks = results.reduce((n, r) => n + r.marks, 0);
  const inShadowRoots = results.reduce((n, r) => n + r.inShadowRoots, 0);
  console.log(
    `FUZZ ${JSON.stringify({ cases: results.length, marks, inShadowRoots, failing: failing.length, errors: errors.length, seconds: (Date.now() - started) / 1000 })}`,
  );
  expect(errors).toEqual([]);
  expect(
    failing.map((f) => `FUZZ_SEED=${f.seed}`),
    'failing seeds (replay one with FUZZ_SEED=<seed>)',
  ).toEqual([]);
});
