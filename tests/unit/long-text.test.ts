// A plain-text file or a log shown in the browser is one text node of megabytes inside <pre>.
// Each read of a node's `data` makes its text a string in the script's world (75 µs a time
// for 5 MB in Chromium): the mentions in it are placed without reading it again for each one.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { PageScanner } from '../../src/page/page-scanner';
import { countReads, happyDomPerTest, recordingLayer } from './happy-dom-page';

const page = happyDomPerTest();

describe('one long text node', () => {
  it('marks its 100 mentions reading its text a few times, not once per mention', async () => {
    const pre = page.doc.createElement('pre');
    pre.id = 'log';
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `${i} ${i % 20 === 0 ? 'flight to Bagram Air Base' : 'no news'}`,
    );
    const text = page.doc.createTextNode(lines.join('\n'));
    pre.append(text);
    page.doc.body.append(pre);
    const reads = countReads(text, page.window.CharacterData.prototype, 'data');
    const marked: string[] = [];
    const scanner = new PageScanner(
      new Prefilter(prefilterSource(bundledPack)),
      () => buildMatcher(bundledPack),
      recordingLayer(marked),
    );
    await scanner.scan([pre], new AbortController().signal);
    expect(marked).toEqual(Array<string>(100).fill('log'));
    expect(reads()).toBeLessThanOrEqual(3);
  });
});
