// A batch of the page's changes (a feed's next 50 paragraphs) is scanned root by root: a root
// whose text holds no key word is passed over after one test of its whole text, where a walk
// set up for it would test each of its text nodes; the marks come out the same.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import type { HighlightLayer } from '../../src/page/highlight-layer';
import { PageScanner } from '../../src/page/page-scanner';
import { fillBody, happyDomPerTest, recordingLayer, type RecordedRange } from './happy-dom-page';

const page = happyDomPerTest();

/** A scanner whose marks drawn now are listed in `drawn` (by the id of the text's parent
 *  element), and whose prefilter lists each text it is asked about in `asked`. */
function scanner(drawn: string[], asked: string[] = []): PageScanner {
  const prefilter = new Prefilter(prefilterSource(bundledPack));
  const test = prefilter.mightMatch.bind(prefilter);
  prefilter.mightMatch = (text) => (asked.push(text), test(text));
  const layer = {
    add: (_topic: string, range: RecordedRange) => drawn.push((range.init.startContainer.parentNode as Element).id),
    delete: (_topic: string, range: RecordedRange) => {
      const at = drawn.indexOf((range.init.startContainer.parentNode as Element).id);
      if (at < 0) throw new Error('a mark taken away that was not drawn');
      drawn.splice(at, 1);
    },
  } as unknown as HighlightLayer;
  return new PageScanner(prefilter, () => buildMatcher(bundledPack), layer);
}

const scan = (s: PageScanner, roots: Node[]) => s.scan(roots, new AbortController().signal);

describe("a batch of the page's changes", () => {
  it('tests each new paragraph without a key word once, whole, and marks those with one', async () => {
    fillBody(
      page,
      Array.from({ length: 50 }, (_, i) =>
        i % 10 === 3
          ? `<p id="p${i}">Flights left Bagram at <em>dawn</em>, <a href="#">officials</a> said.</p>`
          : `<p id="p${i}">Markets <em>opened</em> higher on <a href="#">Monday</a>, traders said.</p>`,
      ).join(''),
    );
    const drawn: string[] = [];
    const asked: string[] = [];
    await scan(scanner(drawn, asked), [...page.doc.body.children]);
    expect(drawn).toEqual(['p3', 'p13', 'p23', 'p33', 'p43']);
    const quiet = 'Markets opened higher on Monday, traders said.';
    // One test each for the 45 quiet paragraphs, and none of their pieces.
    expect(asked.filter((text) => text === quiet)).toHaveLength(45);
    const pieces = ['Markets ', 'opened', ' higher on ', 'Monday', ', traders said.'];
    expect(asked.filter((text) => pieces.includes(text))).toEqual([]);
  });

  it.each([
    ['a reading', '<ruby>Bag<rt>bæg</rt></ruby>ram'],
    ['a parenthesis alone', '<ruby>Bag<rp>(</rp></ruby>ram'],
  ])('walks a paragraph with a ruby %s, which its whole text reads between the letters', async (_, name) => {
    fillBody(page, `<p id="r">${name} Air Base was handed over.</p>`);
    const drawn: string[] = [];
    await scan(scanner(drawn), [page.doc.getElementById('r')!]);
    expect(drawn).toHaveLength(1);
  });

  it("does not read what holds no prose: a script's text, an editor's", async () => {
    fillBody(page, '<script>var slot = "Doha";</script><div contenteditable="true">Bagram, typed.</div>');
    const asked: string[] = [];
    const drawn: string[] = [];
    await scan(scanner(drawn, asked), [...page.doc.body.children]);
    expect(asked).toEqual([]);
    expect(drawn).toEqual([]);
  });

  it('gives the page its turn between roots passed over, as a walk does', async () => {
    let yields = 0;
    (globalThis as Record<string, unknown>).scheduler = { yield: () => (yields++, Promise.resolve()) };
    fillBody(page, Array.from({ length: 20 }, (_, i) => `<div>Quiet section ${i}.</div>`).join(''));
    await scan(scanner([]), [...page.doc.body.children]);
    // (The clock runs fast here: every look at it finds the slice over.)
    expect(yields).toBeGreaterThanOrEqual(19);
  });

  it.each([
    ['a section of paragraphs', (rows: string) => `<section id="s">${rows}</section>`],
    ['a heading and a section', (rows: string) => `<div id="s"><h2>Markets</h2><section>${rows}</section></div>`],
  ])('marks a name deep in a large new view (%s)', async (_, wrap) => {
    const rows = Array.from({ length: 100 }, (_, i) =>
      i === 77 ? '<p id="p77">Flights left Bagram at dawn.</p>' : `<p>Paragraph ${i} on <em>the</em> markets.</p>`,
    );
    fillBody(page, wrap(rows.join('')));
    const drawn: string[] = [];
    await scan(scanner(drawn), [page.doc.getElementById('s')!]);
    expect(drawn).toEqual(['p77']);
  });

  it("walks a log's thousands of lines, few elements as it has, in slices", async () => {
    const pre = page.doc.createElement('pre');
    pre.id = 's';
    for (let i = 0; i < 5000; i++) pre.append(page.doc.createTextNode(`${i} nothing to report today\n`));
    page.doc.body.append(pre);
    const asked: string[] = [];
    await scan(scanner([], asked), [pre]);
    expect(Math.max(...asked.map((text) => text.length))).toBeLessThan(pre.textContent!.length / 2);
  });

  it('marks a name across two roots of one block: text and an element a script put under <html>', async () => {
    const text = page.doc.createTextNode('Flights left Bagram Air');
    const span = page.doc.createElement('span');
    span.textContent = ' Base on Monday.';
    page.doc.documentElement.append(text, span);
    const drawn: string[] = [];
    await scan(scanner(drawn), [text, span]);
    expect(drawn).toEqual(['']); // (its text's parent, <html>, has no id)
  });

  it('scans text put straight under <html>, outside any element', async () => {
    const text = page.doc.createTextNode('Bagram Air Base was handed over.');
    page.doc.documentElement.append(text);
    const drawn: string[] = [];
    await scan(scanner(drawn), [text]);
    expect(drawn).toEqual(['']); // (its parent, <html>, has no id)
  });

  it('forgets the marks of a root whose text no longer holds a key word', async () => {
    fillBody(page, '<p id="p">Flights left Bagram at dawn.</p>');
    const p = page.doc.getElementById('p')!;
    const drawn: string[] = [];
    const s = scanner(drawn);
    await scan(s, [p]);
    expect(drawn).toEqual(['p']);
    // (Replaced without a record the scanner hears of: the batch that rescans it is the news.)
    (p.firstChild as Text).data = 'Flights left at dawn.';
    await scan(s, [p]);
    expect(drawn).toEqual([]);
  });

  it('does not match a run without a key word again, and drops what it held', async () => {
    fillBody(page, '<p id="p">Flights left Bag<b>ram</b> Air Base.</p>');
    const p = page.doc.getElementById('p')!;
    const drawn: string[] = [];
    let matched = 0;
    const prefilter = new Prefilter(prefilterSource(bundledPack));
    const matcher = () => {
      const built = buildMatcher(bundledPack);
      const begin = built.begin.bind(built);
      built.begin = (...args) => (matched++, begin(...args));
      return built;
    };
    const s = new PageScanner(prefilter, matcher, recordingLayer(drawn));
    await s.scan([p], new AbortController().signal);
    expect([drawn, matched]).toEqual([['p'], 1]);
    // A word put inside the name: its block's own text is read again, and holds no key word.
    p.querySelector('b')!.before('X');
    await s.scan([], new AbortController().signal, [p]);
    expect(matched).toBe(1);
    expect(s.index.size).toBe(0);
  });

  it('builds no matcher for a long run without a key word while the page has no mention', async () => {
    // (A helper's review: a run too long to test at once, read again after a change.)
    const quiet = 'Markets opened higher on Monday, traders said. '.repeat(2500);
    fillBody(page, `<div id="d"><p>Kabul</p>${quiet}</div>`);
    let built = 0;
    const matcher = () => (built++, buildMatcher(bundledPack));
    const s = new PageScanner(new Prefilter(prefilterSource(bundledPack)), matcher, recordingLayer([]));
    await s.scan([], new AbortController().signal, [page.doc.getElementById('d')!]);
    expect(built).toBe(0);
  });

  it("reads a block's own text again and leaves the blocks nested in it as they were", async () => {
    const feed = () =>
      `<p id="a">Flights left Bagram at dawn.</p>${'<p>Markets opened higher.</p>'.repeat(20)}` +
      '<span id="own">Fasihuddin Fitrat</span><span id="tail"> Air Base</span><p id="b">Bagram, again.</p>';
    fillBody(page, `<main id="feed">${feed()}</main>`);
    const main = page.doc.getElementById('feed')!;
    const drawn: string[] = [];
    const asked: string[] = [];
    const s = scanner(drawn, asked);
    await scan(s, [main]);
    expect(drawn).toEqual(['a', 'own', 'b']);
    // A block put between the name and the words after it (a watcher's batch: the block, and
    // the feed's own text): the nested paragraphs are not asked about again.
    const block = page.doc.createElement('div');
    page.doc.getElementById('own')!.after(block);
    asked.length = 0;
    await s.scan([block], new AbortController().signal, [main]);
    expect(drawn.sort()).toEqual(['a', 'b', 'own']);
    expect(asked.filter((text) => text.includes('Markets'))).toEqual([]);
    // The marks are a fresh scan's of the page as it is.
    const fresh: string[] = [];
    await scan(scanner(fresh), [page.doc.body]);
    expect(fresh.sort()).toEqual(drawn);
  });
});
