// @vitest-environment node
// The marks a page ends with do not depend on the order its text was read in (the parser's
// pieces, the screen first, a script's late additions): a veto found further down takes back
// the marks it rules out, as the scan CLI judges a whole file.
import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/match/matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import type { HighlightLayer } from '../../src/page/highlight-layer';
import { PageScanner } from '../../src/page/page-scanner';
import { happyDomPerTest, type RecordedRange } from './happy-dom-page';

const dom = happyDomPerTest();

/** A layer that keeps the marks drawn now, as "topic:id of the text's parent". */
function liveLayer(drawn: Set<string>): HighlightLayer {
  const key = (topic: string, range: RecordedRange) =>
    `${topic}:${(range.init.startContainer.parentNode as Element).id}`;
  return {
    add: (topic: string, range: RecordedRange) => drawn.add(key(topic, range)),
    delete: (topic: string, range: RecordedRange) => drawn.delete(key(topic, range)),
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

/** Scans the paragraphs in the given order; the marks and counts it ends with. */
async function readInOrder(texts: readonly string[], order: readonly number[]) {
  const drawn = new Set<string>();
  const scanner = new PageScanner(
    new Prefilter(prefilterSource(bundledPack)),
    () => new Matcher(bundledPack),
    liveLayer(drawn),
  );
  const blocks = paragraphs(texts);
  for (const i of order) await scanner.scan([blocks[i]!], new AbortController().signal);
  return { drawn: [...drawn].sort(), counts: scanner.counts() };
}

describe('the marks a page ends with', () => {
  const article = [
    'Qari Fasihuddin Fitrat spoke in Kabul on Sunday.',
    'Fitrat said the army would not give up an inch.',
    'Comment by Nasir Fitrat: good article, thanks.',
  ];

  it('are the same whichever part of the page is read first', async () => {
    const inOrder = await readInOrder(article, [0, 1, 2]);
    dom.doc.body.replaceChildren();
    const commentsFirst = await readInOrder(article, [2, 0, 1]);
    expect(inOrder).toEqual(commentsFirst);
  });

  it('leave out what a mark taken back alone vouched for, whichever part is read first', async () => {
    // Fitrat (his role beside him) vouches for his topic, which lets the Doha Agreement count;
    // the namesake below takes Fitrat back, and the agreement with him.
    const page = [
      'Army chief Fitrat spoke on Sunday.',
      'The Doha Agreement was signed.',
      'Comment by Nasir Fitrat: good article.',
    ];
    const inOrder = await readInOrder(page, [0, 1, 2]);
    dom.doc.body.replaceChildren();
    expect(await readInOrder(page, [2, 0, 1])).toEqual(inOrder);
    expect(inOrder.drawn).toEqual([]);
  });

  it('leave out a surname a namesake further down rules out, and count what stays', async () => {
    const { drawn, counts } = await readInOrder(article, [0, 1, 2]);
    expect(drawn).toEqual(['fitrat:p0']);
    expect(counts).toEqual({ fitrat: 1 });
  });
});
