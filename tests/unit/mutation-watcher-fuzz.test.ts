// Random batches of changes over small pages (a helper's review, 2026-11-28): every run of text
// a batch changed must lie under one of the roots the watcher hands on, or a mark is missed or
// left stale. Seeded, so the same batches run every time; each shape that failed once is in
// tests/unit/mutation-watcher.test.ts too.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchMutations } from '../../src/page/mutation-watcher';
import { BlockClassifier, collectRuns, LINE_BREAK } from '../../src/page/text-blocks';
import { happyDomPerTest } from './happy-dom-page';
import { randomDom, seeded } from './random-dom';

const page = happyDomPerTest();

const TEXTS = ['Bag', 'ram', ' ', '', 'Air Base', ' x '];
const TAGS = ['p', 'div', 'span', 'b', 'a', 'br', 'sup', 'h3', 'span', 'a'];

describe('the mutation watcher, over random batches', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('hands on a root over every run of text a batch changed', async () => {
    const random = seeded(Number(process.env.FUZZ_SEED ?? 7));
    const doc = page.doc;
    const { pick, make, all, id, show, putSomewhere } = randomDom(doc, random, {
      texts: TEXTS,
      tags: TAGS,
      text: 0.45,
      textOrComment: 0.52,
    });
    /** Each run: which text nodes hold words, and its words (white space and breaks folded). */
    const runs = () =>
      collectRuns(doc.body).map((run) => {
        const nodes = run.nodes.filter((n) => /\S/.test(n.data));
        const words = run.text
          .split(LINE_BREAK)
          .map((piece) => piece.replace(/\s+/g, ' ').trim())
          .filter(Boolean);
        return { key: `${nodes.map(id).join()}|${words.join('/')}`, nodes };
      });
    const failures: string[] = [];
    for (
      let round = 0;
      round < Number(process.env.FUZZ_ROUNDS ?? 2000) && failures.length < Number(process.env.FUZZ_MAX ?? 3);
      round++
    ) {
      const root = doc.createElement('div');
      doc.body.replaceChildren(root);
      for (let n = 1 + Math.floor(random() * 5); n > 0; n--) root.append(make(2));
      for (const n of all(doc.body)) id(n);
      const before = runs();
      const steps = [show(root)];
      const roots: Node[] = [];
      const ownText = new Set<Element>();
      const stop = new AbortController();
      watchMutations(
        doc,
        (batch) => {
          roots.push(...batch.roots);
          for (const block of batch.ownText) ownText.add(block);
        },
        stop.signal,
      );
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const nodes = all(root);
        const r = random();
        if (r < 0.35 && nodes.length) {
          const gone = pick(nodes);
          steps.push(`remove ${show(gone)}`);
          gone.parentNode!.removeChild(gone);
          continue;
        }
        const step = putSomewhere(root, nodes, () => (r < 0.7 || !nodes.length ? make(1) : pick(nodes)));
        if (step) steps.push(step);
      }
      await vi.advanceTimersByTimeAsync(20);
      stop.abort();
      // (Text under a root is read again, and so is the own text of a block the batch names.)
      const classifier = new BlockClassifier();
      const covered = (n: Node) =>
        !n.isConnected ||
        roots.some((r) => r.contains(n)) ||
        (!!n.parentElement && ownText.has(classifier.blockOf(n.parentElement)!));
      const was = new Set(before.map((r) => r.key));
      const now = runs();
      const is = new Set(now.map((r) => r.key));
      const missed = [
        ...now.filter((r) => !was.has(r.key) && !r.nodes.every(covered)),
        ...before.filter((r) => !is.has(r.key) && r.nodes.every((n) => n.isConnected) && !r.nodes.every(covered)),
      ];
      if (missed.length) failures.push(`${steps.join(', ')}: ${show(root)} has ${missed.map((r) => r.key).join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
