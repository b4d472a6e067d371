// A mention's live range is made when a card opens or the keyboard moves to it; the page may
// have shortened the mention's text since, before the batch that drops the mention has come.
import { describe, expect, it } from 'vitest';
import { liveRange } from '../../src/page/hit-test';
import type { PageMention } from '../../src/page/page-mention';
import { happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();

describe('a mention whose text the page just shortened', () => {
  it('gets a range within the text as it is now, instead of an error', () => {
    const text = page.doc.createTextNode('Flights left Bagram Air Base.');
    page.doc.body.append(text);
    const mention = {
      topic: 'bagram',
      range: { startContainer: text, startOffset: 13, endContainer: text, endOffset: 28 },
      nodes: [text],
    } as unknown as PageMention;
    text.data = 'Flights left.';
    const range = liveRange(mention);
    expect([range.startOffset, range.endOffset]).toEqual([13, 13]);
  });
});
