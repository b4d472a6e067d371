// The watcher and the scanner together, as the overlay runs them on a changing page (a helper's
// review, 2026-11-28): after any batch of changes, the marks must be a fresh scan's of the page
// as it is. Random batches of removals, insertions, moves and edits of text, seeded; the shapes
// that failed once are tests of their own below. Also: the watcher's work grows with a batch's
// size, not with its square, on shapes pages make (counted in DOM reads, not timed).
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import type { HighlightLayer } from '../../src/page/highlight-layer';
import { watchMutations } from '../../src/page/mutation-watcher';
import { PageScanner } from '../../src/page/page-scanner';
import { fillBody, RecordedRange } from './happy-dom-page';
import { randomDom, seeded } from './random-dom';

const scope = globalThis as Record<string, unknown>;
const GLOBALS = ['Node', 'NodeFilter', 'document', 'getComputedStyle', 'MutationObserver', 'StaticRange'];
let window: Window;
let doc: Document;
const saved = Object.fromEntries(GLOBALS.map((name) => [name, scope[name]]));
beforeEach(() => {
  window = new Window();
  doc = window.document as unknown as Document;
  Object.assign(scope, {
    Node: window.Node,
    NodeFilter: window.NodeFilter,
    document: doc,
    MutationObserver: window.MutationObserver,
    getComputedStyle: window.getComputedStyle.bind(window),
    StaticRange: RecordedRange,
  });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
  Object.assign(scope, saved);
  void window.happyDOM.close();
});

const layer = { add() {}, delete() {} } as unknown as HighlightLayer;
const newScanner = () =>
  new PageScanner(new Prefilter(prefilterSource(bundledPack)), () => buildMatcher(bundledPack), layer);

/** Runs the fake clock until `work` is done. */
async function settle(work: Promise<unknown>): Promise<void> {
  let done = false;
  void work.then(() => (done = true));
  for (let i = 0; i < 1000 && !done; i++) await vi.advanceTimersByTimeAsync(1);
  expect(done).toBe(true);
}

/** The page scanned, then watched as the overlay watches it (src/page/frame-overlay.ts). */
async function watchedPage(): Promise<{ scanner: PageScanner; stop: AbortController; work: () => Promise<unknown> }> {
  const scanner = newScanner();
  await settle(scanner.scan([doc.body], new AbortController().signal));
  const stop = new AbortController();
  let work: Promise<unknown> = Promise.resolve();
  watchMutations(
    doc,
    (batch) => {
      work = work.then(async () => {
        scanner.dropRemoved(batch.removedNodes);
        await scanner.scan(batch.roots, stop.signal, batch.ownText);
      });
    },
    stop.signal,
    (node) => scanner.dropUnder([node]),
  );
  return { scanner, stop, work: () => work };
}

/** The mentions a scanner holds, as text. */
const texts = (scanner: PageScanner) => [...scanner.index.values()].map((m) => m.text).sort();

describe('the marks after a batch of changes', () => {
  it('are a fresh scan’s, over random batches', async () => {
    const random = seeded(Number(process.env.FUZZ_SEED ?? 1));
    const TEXTS = ['Bag', 'ram', ' Air Base', 'Bagram', ' ', '', 's', 'Fitrat', 'Fasihuddin '];
    const TAGS = ['p', 'div', 'span', 'b', 'a', 'br', 'sup', 'h3', 'span', 'a', 'button'];
    const { pick, make, all, id, show, putSomewhere } = randomDom(doc, random, {
      texts: TEXTS,
      tags: TAGS,
      text: 0.5,
      textOrComment: 0.55,
    });
    /** Each mention: its text, nodes, offsets, and whether its nodes are all in the page. */
    const keys = (scanner: PageScanner) =>
      [...scanner.index.values()]
        .map((m) => {
          const range = (m.range as unknown as { init: StaticRangeInit }).init;
          const inPage = m.nodes.every((n) => n.isConnected);
          return `${m.text}|${m.nodes.map(id).join(',')}|${range.startOffset}-${range.endOffset}|${inPage}`;
        })
        .sort();
    const failures: string[] = [];
    for (let round = 0; round < Number(process.env.FUZZ_ROUNDS ?? 300) && failures.length < 3; round++) {
      const root = doc.createElement('div');
      doc.body.replaceChildren(root);
      for (let n = 1 + Math.floor(random() * 5); n > 0; n--) root.append(make(2));
      for (const n of all(doc.body)) id(n);
      const { scanner, stop, work } = await watchedPage();
      const steps = [show(root)];
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
        const nodes = all(root);
        const r = random();
        if (r < 0.3 && nodes.length) {
          const gone = pick(nodes);
          steps.push(`remove ${show(gone)}`);
          gone.parentNode!.removeChild(gone);
          continue;
        }
        const textNodes = nodes.filter((node) => node.nodeType === 3) as Text[];
        if (r < 0.5 && textNodes.length) {
          const text = pick(textNodes);
          const data = pick(TEXTS);
          steps.push(`set ${show(text)}#${id(text)} to ${JSON.stringify(data)}`);
          text.data = data;
          continue;
        }
        const step = putSomewhere(root, nodes, () => (random() < 0.6 || !nodes.length ? make(1) : pick(nodes)));
        if (step) steps.push(step);
      }
      await vi.advanceTimersByTimeAsync(20);
      await settle(work());
      stop.abort();
      const fresh = newScanner();
      await settle(fresh.scan([doc.body], new AbortController().signal));
      const got = keys(scanner);
      if (JSON.stringify(got) !== JSON.stringify(keys(fresh)))
        failures.push(
          `${steps.join(', ')}: ${show(root)} has ${got.join('; ')}, a fresh scan ${keys(fresh).join('; ')}`,
        );
    }
    expect(failures).toEqual([]);
  }, 30_000);

  /** The mentions after `change`, on a page of `html` whose elements with `data-text` get that
   *  text as a second text node. */
  async function mentionsAfter(html: string, change: () => void): Promise<string[]> {
    fillBody({ window, doc }, html);
    for (const el of doc.querySelectorAll('[data-text]')) el.append(el.getAttribute('data-text')!);
    const { scanner, work } = await watchedPage();
    change();
    await vi.advanceTimersByTimeAsync(20);
    await settle(work());
    return texts(scanner);
  }

  it('hold a name again when the text after it is emptied and taken out in one go', async () => {
    const found = await mentionsAfter('<p id="p" data-text=" Air Base">Bagram</p>', () => {
      const text = doc.getElementById('p')!.lastChild as Text;
      text.data = '';
      text.remove();
    });
    expect(found).toEqual(['Bagram']);
  });

  it('hold a name again when the text after it moves out of its block and is blanked', async () => {
    const found = await mentionsAfter('<div id="d"><p id="p" data-text=" Air Base">Bagram</p></div>', () => {
      const text = doc.getElementById('p')!.lastChild as Text;
      doc.getElementById('d')!.append(text);
      text.data = ' ';
    });
    expect(found).toEqual(['Bagram']);
  });
});

describe('the watcher’s work on a batch', () => {
  /** How many sibling links the watcher reads sorting the batch `change` makes. */
  async function siblingReads(change: () => void): Promise<number> {
    let reads = 0;
    const proto = window.Node.prototype as object;
    const restore: Array<() => void> = [];
    const stop = new AbortController();
    watchMutations(doc, () => {}, stop.signal);
    change();
    for (const property of ['nextSibling', 'previousSibling']) {
      const own = Object.getOwnPropertyDescriptor(proto, property)!;
      Object.defineProperty(proto, property, {
        ...own,
        get() {
          reads++;
          return own.get!.call(this);
        },
      });
      restore.push(() => Object.defineProperty(proto, property, own));
    }
    await vi.advanceTimersByTimeAsync(20);
    for (const undo of restore) undo();
    stop.abort();
    return reads;
  }

  it('grows with the batch, not its square: a marker put back first after each message put in', async () => {
    const prepend = (n: number) => () => {
      const list = doc.createElement('div');
      const marker = doc.createElement('div');
      list.append(marker);
      doc.body.replaceChildren(list);
      for (let i = 0; i < n; i++) {
        const message = doc.createElement('p');
        message.append(`Message ${i}`);
        list.prepend(message);
        list.prepend(marker);
      }
    };
    const [small, large] = [await siblingReads(prepend(200)), await siblingReads(prepend(800))];
    expect(large / small).toBeLessThan(6);
  });

  it('grows with the batch, not its square: a table sorted by moving its rows, line breaks between', async () => {
    const sort = (n: number) => () => {
      const body = doc.createElement('tbody');
      for (let i = 0; i < n; i++) {
        const cell = doc.createElement('td');
        cell.append(`Row ${i}`);
        const row = doc.createElement('tr');
        row.append(cell);
        body.append('\n', row);
      }
      const table = doc.createElement('table');
      table.append(body);
      doc.body.replaceChildren(table);
      for (const row of [...body.querySelectorAll('tr')].reverse()) body.appendChild(row);
    };
    const [small, large] = [await siblingReads(sort(200)), await siblingReads(sort(800))];
    expect(large / small).toBeLessThan(6);
  });
});
