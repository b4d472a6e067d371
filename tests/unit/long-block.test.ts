// One block can hold megabytes of text in tens of thousands of nodes (a forum thread or a
// transcript in one <p> or <div>, each line a <span>): walking it into one run took 30 ms in
// Chromium, and a block was read in one piece. It is now read in slices, with yields between,
// and a page that changes the block during a yield gets it read again from its start.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { PageScanner } from '../../src/page/page-scanner';
import { ParseFollower } from '../../src/page/parse-follower';
import { happyDomPerTest, RecordedRange } from './happy-dom-page';

const page = happyDomPerTest();

/** A paragraph of `count` lines, each in its own <span>, every 100th naming Bagram Air Base. */
function longParagraph(count: number): HTMLParagraphElement {
  const p = page.doc.createElement('p');
  for (let i = 0; i < count; i++) {
    const line = page.doc.createElement('span');
    line.textContent = i % 100 === 50 ? `Flights left Bagram Air Base, line ${i}. ` : `A quiet day, line ${i}. `;
    p.append(line);
  }
  page.doc.body.append(p);
  return p;
}

/** A scanner whose marks are listed as the text each was drawn on, in the order drawn,
 *  without those taken away since; `atYield` runs at each yield, given the count so far. */
function markingScanner(atYield: (yields: number) => void = () => {}) {
  const drawn = new Map<RecordedRange, string>();
  const layer = {
    add: (_topic: string, range: RecordedRange) => {
      const init = range.init as unknown as StaticRangeInit;
      drawn.set(range, (init.startContainer as Text).data.slice(init.startOffset, init.endOffset));
    },
    delete: (_topic: string, range: RecordedRange) => drawn.delete(range),
  };
  const counter = { yields: 0 };
  (globalThis as Record<string, unknown>).scheduler = {
    yield: async () => {
      atYield(++counter.yields);
      await new Promise((done) => setTimeout(done, 0));
    },
  };
  const scanner = new PageScanner(
    new Prefilter(prefilterSource(bundledPack)),
    () => buildMatcher(bundledPack),
    layer as never,
  );
  return { scanner, marks: () => [...drawn.values()], counter };
}

/** Scans `root` with the clock that runs out at every look (see markingScanner); the marks
 *  and the number of yields. */
async function scanYielding(root: Node, atYield?: (yields: number) => void) {
  const { scanner, marks, counter } = markingScanner(atYield);
  await scanner.scan([root], new AbortController().signal);
  return { marks: marks(), yields: counter.yields };
}

describe('a block of thousands of nodes', () => {
  it('is read in slices, and marked as a block read in one piece would be', async () => {
    const p = longParagraph(3000);
    const { marks, yields } = await scanYielding(p);
    expect(marks).toEqual(Array<string>(30).fill('Bagram Air Base'));
    // 6,000 nodes, a look at the clock every 512: each look found the slice over.
    expect(yields).toBeGreaterThanOrEqual(10);
  });

  it('is read again from its start when the page takes out the lines where the walk stood', async () => {
    const p = longParagraph(3000);
    const { marks } = await scanYielding(p, (yields) => {
      if (yields !== 2) return;
      // The page replaces all but its first 300 lines with one (a thread collapsed).
      while (p.children.length > 300) p.lastElementChild!.remove();
      p.append(Object.assign(page.doc.createElement('span'), { textContent: 'Back at Bagram.' }));
    });
    // (A run is matched once complete: the first pass had marked nothing yet.) Going on from
    // where the walk stood, out of the page by then, marked lines no longer there instead.
    expect(marks).toEqual(['Bagram Air Base', 'Bagram Air Base', 'Bagram Air Base', 'Bagram']);
  });
});

describe('a block the page rewrites at every yield', () => {
  it('is read without yielding after a few times over', async () => {
    const p = longParagraph(3000);
    const lines = [...p.children];
    const { marks, yields } = await scanYielding(p, (n) => {
      // (Stops after 1,000 yields, so that a read starting over at each one ends at all.)
      if (n < 1000) p.replaceChildren(...lines.map((line) => line.cloneNode(true)));
    });
    expect(marks.slice(-30)).toEqual(Array<string>(30).fill('Bagram Air Base'));
    expect(yields).toBeLessThan(20);
  });
});

/** A text file of 600,000 characters, as the browser shows one (one text node in <pre>),
 *  naming Bagram Air Base three times. */
function textFile(): HTMLPreElement {
  const pre = page.doc.createElement('pre');
  const line = 'the talks went on for days while officials waited\n';
  const lines = Array.from({ length: 12_000 }, (_, i) => (i % 4000 === 3999 ? 'flight to Bagram Air Base\n' : line));
  pre.append(lines.join(''));
  page.doc.body.append(pre);
  return pre;
}

describe('a text file of megabytes (one text node)', () => {
  it('is matched window by window, with yields between, and marked in full', async () => {
    const pre = textFile();
    const { marks, yields } = await scanYielding(pre);
    expect(marks).toEqual(['Bagram Air Base', 'Bagram Air Base', 'Bagram Air Base']);
    // 600,000 characters: three windows of the regex, each found the slice over.
    expect(yields).toBeGreaterThanOrEqual(2);
  });
});

describe('a text file whose text the page changes while its match waits', () => {
  it('is read again: the marks stand on the names, not on the letters where they stood before', async () => {
    const pre = textFile();
    const file = pre.firstChild as Text;
    const { marks, yields } = await scanYielding(pre, (n) => {
      // Between two windows of the regex: a line put in at the top moves every name down.
      if (n === 1) file.insertData(0, 'Updated: a new line\n');
    });
    expect(yields).toBeGreaterThanOrEqual(2);
    expect(marks).toEqual(['Bagram Air Base', 'Bagram Air Base', 'Bagram Air Base']);
  });
});

describe('a paragraph of thousands of lines whose text the page changes while its match waits', () => {
  it('is read again when a line holding a name is edited', async () => {
    // 3,000 lines of about 100 characters: one run longer than a window of the regex, read in
    // slices, then matched in two windows with a yield between (the last before any mark).
    const wideParagraph = () => {
      const p = longParagraph(3000);
      for (const line of p.children) line.append(' and the talks went on for days while officials waited, said one.');
      return p;
    };
    const first = markingScanner();
    let betweenWindows = 0;
    (globalThis as unknown as { scheduler: { yield(): Promise<void> } }).scheduler.yield = async () => {
      if (first.marks().length === 0) betweenWindows = ++first.counter.yields;
      await new Promise((done) => setTimeout(done, 0));
    };
    await first.scanner.scan([wideParagraph()], new AbortController().signal);
    expect(first.marks()).toHaveLength(30);
    page.doc.body.textContent = '';
    const p = wideParagraph();
    const { marks } = await scanYielding(p, (n) => {
      // A line with a name gets a word put before it: the name moves along its text node.
      if (n === betweenWindows) (p.children[50]!.firstChild as Text).insertData(0, 'Edited: ');
    });
    expect(marks).toEqual(Array<string>(30).fill('Bagram Air Base'));
  });
});

describe('a paragraph of thousands of lines edited while it is walked into a run', () => {
  it('is read again: a run read across a yield is matched only if its nodes still hold its text (found by a review)', async () => {
    // 75,000 characters, one window of the regex: the run is walked in slices, then matched
    // without a wait.
    const p = longParagraph(3000);
    const { marks } = await scanYielding(p, (n) => {
      // The run begun before this yield holds line 50's old text.
      if (n === 2) (p.children[50]!.firstChild as Text).insertData(0, 'Edited: ');
    });
    expect(marks).toEqual(Array<string>(30).fill('Bagram Air Base'));
  });
});

describe('a block of thousands of nodes while the page loads', () => {
  it('is read to its end by a step that the last step overtakes meanwhile', async () => {
    const p = longParagraph(3000);
    // The parser is further on: the paragraph is complete.
    page.doc.body.append(page.doc.createElement('footer'));
    const signal = new AbortController().signal;
    let last: Promise<boolean> | undefined;
    const { scanner, marks } = markingScanner((yields) => {
      // The page is parsed while the step reads the paragraph: the last step starts at
      // once, as on DOMContentLoaded, and passes over the paragraph as matched.
      if (yields === 2) last = follower.step(true, signal);
    });
    const follower = new ParseFollower(scanner, page.doc);
    expect(await follower.step(false, signal)).toBe(true);
    expect(last).toBeDefined();
    expect(await last).toBe(true);
    expect(marks()).toEqual(Array<string>(30).fill('Bagram Air Base'));
    expect(p.isConnected).toBe(true);
  });

  it("lets the last step go on with the rest of the page when a script takes the walk's place while it reads an open long block (found by a review)", async () => {
    const p = longParagraph(3000); // the parser's last element so far: open
    const signal = new AbortController().signal;
    let lastStep = false;
    const { scanner, marks } = markingScanner(() => {
      // The page's own DOMContentLoaded listener drops the paragraph's last line, where the
      // walk stood.
      if (lastStep && p.lastElementChild?.textContent?.includes('2999')) p.lastElementChild.remove();
    });
    const follower = new ParseFollower(scanner, page.doc);
    await follower.step(false, signal);
    // The parser's last piece: a paragraph more, left to the last step.
    const next = Object.assign(page.doc.createElement('div'), { textContent: 'Back to Bagram Air Base.' });
    page.doc.body.append(next, page.doc.createElement('footer'));
    lastStep = true;
    expect(await follower.step(true, signal)).toBe(true);
    expect(p.children).toHaveLength(2999);
    expect(marks()).toEqual(Array<string>(31).fill('Bagram Air Base'));
  });

  it('is given up by a step overtaken meanwhile once the last step has read it anew (found by a review)', async () => {
    const p = longParagraph(3000);
    page.doc.body.append(page.doc.createElement('footer'));
    const signal = new AbortController().signal;
    const fastClock = performance.now;
    let last: Promise<boolean> | undefined;
    const { scanner, marks } = markingScanner((yields) => {
      // A script rewrites line 150, which the step has read already (ahead of the walk's
      // place among candidates: left to the walk, no batch).
      if (yields === 1) p.children[150]!.firstChild!.textContent = 'A quiet day, line 150. ';
      if (yields === 2) {
        // DOMContentLoaded: the last step reads the changed paragraph whole in its longer
        // first slice (a clock that stands still), before the overtaken step goes on.
        performance.now = () => 0;
        last = follower.step(true, signal).finally(() => (performance.now = fastClock));
      }
    });
    const follower = new ParseFollower(scanner, page.doc);
    await follower.step(false, signal);
    expect(await last).toBe(true);
    // The overtaken step's run, read before the change, would have put marks back on it.
    expect(marks()).toEqual(Array<string>(29).fill('Bagram Air Base'));
  });
});
