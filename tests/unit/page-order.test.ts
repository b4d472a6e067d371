// @vitest-environment node
// The marks a page ends with do not depend on the order its text was read in (the parser's
// pieces, the screen first, a script's late additions): a veto found further down takes back
// the marks it rules out, as the scan CLI judges a whole file.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { mentionsInPage, paragraphs as blocksOf } from '../../src/match/page-scan';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import type { HighlightLayer } from '../../src/page/highlight-layer';
import { PageScanner } from '../../src/page/page-scanner';
import { happyDomPerTest, type RecordedRange } from './happy-dom-page';

const dom = happyDomPerTest();

/** A layer that keeps the marks drawn now, as "topic:id of the text's parent". */
function liveLayer(drawn: Set<string>): HighlightLayer {
  // (Keyed when drawn: the text may have left its paragraph by the time its mark goes.)
  const keys = new WeakMap<RecordedRange, string>();
  return {
    add: (topic: string, range: RecordedRange) => {
      keys.set(range, `${topic}:${(range.init.startContainer.parentNode as Element).id}`);
      drawn.add(keys.get(range)!);
    },
    delete: (_topic: string, range: RecordedRange) => drawn.delete(keys.get(range)!),
  } as unknown as HighlightLayer;
}

function paragraphs(texts: readonly string[]): HTMLElement[] {
  return texts.map((text, i) => {
    const p = dom.doc.createElement('p');
    p.id = `p${i}`;
    p.textContent = text;
    dom.doc.body.append(p);
    return p;
  });
}

function scannerWith(drawn: Set<string>): PageScanner {
  return new PageScanner(
    new Prefilter(prefilterSource(bundledPack)),
    () => buildMatcher(bundledPack),
    liveLayer(drawn),
  );
}

/** Fitrat (his role beside him) vouches for his topic, which lets the Doha Agreement count; the
 *  namesake below takes Fitrat back, and the agreement with him. */
const vouching = [
  'Army chief Fitrat spoke on Sunday.',
  'The Doha Agreement was signed.',
  'Nasir Fitrat commented: good article.',
];

/** Scans the paragraphs in the given order; the marks and counts it ends with. */
async function readInOrder(texts: readonly string[], order: readonly number[]) {
  const drawn = new Set<string>();
  const scanner = scannerWith(drawn);
  const blocks = paragraphs(texts);
  for (const i of order) await scanner.scan([blocks[i]!], new AbortController().signal);
  return { drawn: [...drawn].sort(), counts: scanner.counts() };
}

describe('the marks a page ends with', () => {
  const article = [
    'Qari Fasihuddin Fitrat spoke in Kabul on Sunday.',
    'Fitrat said the army would not give up an inch.',
    'Nasir Fitrat commented: good article, thanks.',
  ];

  it('are the same whichever part of the page is read first', async () => {
    const inOrder = await readInOrder(article, [0, 1, 2]);
    dom.doc.body.replaceChildren();
    const commentsFirst = await readInOrder(article, [2, 0, 1]);
    expect(inOrder).toEqual(commentsFirst);
  });

  it('leave out what a mark taken back alone vouched for, whichever part is read first', async () => {
    const inOrder = await readInOrder(vouching, [0, 1, 2]);
    dom.doc.body.replaceChildren();
    expect(await readInOrder(vouching, [2, 0, 1])).toEqual(inOrder);
    expect(inOrder.drawn).toEqual([]);
  });

  it('are what the scan CLI finds in the same text, in either order', () => {
    const matcher = buildMatcher(bundledPack);
    const found = (texts: string[]) => mentionsInPage(matcher, blocksOf(texts.join('\n\n'))).map((m) => m.text);
    expect(found(vouching)).toEqual([]);
    expect(found([vouching[2]!, vouching[0]!, vouching[1]!])).toEqual([]);
  });

  it('lose what a mark alone vouched for when its text changes, even with nothing to match there now', async () => {
    const drawn = new Set<string>();
    const scanner = scannerWith(drawn);
    const [fitrat, doha] = paragraphs(vouching.slice(0, 2));
    await scanner.scan([fitrat!, doha!], new AbortController().signal);
    expect([...drawn].sort()).toEqual(['doha-2020:p1', 'fitrat:p0']);
    // As the overlay goes: the changed text's marks dropped at once, its block scanned again.
    const text = fitrat!.firstChild as Text;
    text.data = 'The weather was fine.';
    scanner.dropUnder([text]);
    scanner.dropRemoved([]);
    await scanner.scan([fitrat!], new AbortController().signal);
    scanner.settleIfNeeded(); // (what the overlay does after every batch, in its report)
    expect([...drawn]).toEqual([]);
    expect(scanner.counts()).toEqual({});
  });

  it('follow a cue the page title shows after the text was read', async () => {
    const drawn = new Set<string>();
    const scanner = scannerWith(drawn);
    await scanner.scan(paragraphs(['The Doha Agreement was signed.']), new AbortController().signal);
    expect([...drawn]).toEqual([]);
    scanner.absorbContext('Afghanistan: the week in review');
    expect([...drawn]).toEqual(['doha-2020:p0']);
  });

  it('leave out a surname a namesake further down rules out, and count what stays', async () => {
    const { drawn, counts } = await readInOrder(article, [0, 1, 2]);
    expect(drawn).toEqual(['fitrat:p0']);
    expect(counts).toEqual({ fitrat: 1 });
  });
});
