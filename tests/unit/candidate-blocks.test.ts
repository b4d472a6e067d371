// The prefiltered walk (src/page/candidate-blocks.ts) must not lose a block whose mention is
// cut across text nodes: a "no" from it skips the block for good. Over happy-dom, whose walk
// is the same DOM API as the browser's.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { CandidateBlockWalker, PAUSE } from '../../src/page/candidate-blocks';

const window = new Window();
const scope = globalThis as Record<string, unknown>;
const saved = { Node: scope.Node, NodeFilter: scope.NodeFilter };
beforeAll(() => {
  scope.Node = window.Node;
  scope.NodeFilter = window.NodeFilter;
});
afterAll(() => Object.assign(scope, saved));

const prefilter = new Prefilter(prefilterSource(bundledPack));

/** Ids of the candidate blocks under a body holding `html`. */
function candidates(html: string): string[] {
  const document = new window.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const walker = new CandidateBlockWalker(document.body as unknown as Node, (t) => prefilter.mightMatch(t));
  const ids: string[] = [];
  for (let block = walker.next(); block; block = walker.next()) {
    if (block !== PAUSE && !ids.includes(block.id)) ids.push(block.id);
  }
  return ids;
}

describe('candidate blocks', () => {
  it('finds a name whole, or cut into pieces across inline elements and comments', () => {
    expect(candidates('<p id="a">Flights left Bagram.</p><p id="b">Nothing here.</p>')).toEqual(['a']);
    expect(candidates('<p id="a"><span class="dropcap">B</span>agram at dawn</p>')).toEqual(['a']);
    expect(candidates('<p id="a">Ba<b>gr</b><!-- x -->am at dawn</p>')).toEqual(['a']);
    expect(candidates('<p id="a">Fasih<i>uddin</i> Fitrat</p>')).toEqual(['a']);
  });

  it('finds a name with a soft hyphen or a vowel mark at the cut', () => {
    expect(candidates('<p id="a">Bag\u00ad<b>ram</b></p>')).toEqual(['a']);
    expect(candidates('<p id="a">Bag<b>\u00adram</b></p>')).toEqual(['a']);
    expect(candidates('<p id="a">باغ\u064e<b>رام</b></p>')).toEqual(['a']);
  });

  it('finds a name annotated character by character with a ruby reading', () => {
    // The reading is no part of the words (the run walker leaves it out): the key is read
    // across it.
    expect(
      candidates('<p id="a"><ruby>巴<rt>bā</rt>格<rt>gé</rt>拉<rt>lā</rt>姆<rt>mǔ</rt></ruby>空军基地</p>'),
    ).toEqual(['a']);
    expect(
      candidates('<p id="a"><ruby>巴<rp>(</rp><rt>bā</rt><rp>)</rp>格<rp>(</rp><rt>gé</rt><rp>)</rp>拉姆</ruby></p>'),
    ).toEqual(['a']);
    expect(candidates('<p id="a"><ruby>Bag<rt>x</rt>ram</ruby> Air Base</p>')).toEqual(['a']);
  });

  it('does not make a block of plain prose a candidate for its soft hyphens', () => {
    expect(candidates('<p id="a">Ver\u00adsi\u00adche\u00adrung und Ge\u00adsund\u00adheit</p>')).toEqual([]);
  });

  it('skips text in scripts and form fields, and finds the block of text in inline elements', () => {
    expect(candidates('<script>var s = "Bagram";</script><textarea>Bagram</textarea>')).toEqual([]);
    expect(candidates('<div id="a"><p id="b">Kabul <a href="#">news</a></p></div>')).toEqual(['b']);
  });
});

describe('the end of a walk', () => {
  it('finds nothing more once it has ended, though text comes after where it stopped', () => {
    const document = new window.DOMParser().parseFromString('<body><p id="a">Bagram</p></body>', 'text/html');
    const body = document.body as unknown as Element;
    const walker = new CandidateBlockWalker(body, (t) => prefilter.mightMatch(t));
    expect((walker.next() as Element).id).toBe('a');
    expect(walker.next()).toBeNull();
    // Added after the scan: the watcher's batches take it, not a walk that has ended.
    body.append(Object.assign(document.createElement('p'), { id: 'late', textContent: 'Bagram again' }) as never);
    expect(walker.next()).toBeNull();
  });

  it('goes on from where it stood once it no longer follows, when it had no text to stand on', () => {
    const document = new window.DOMParser().parseFromString('<body><div></div></body>', 'text/html');
    const body = document.body as unknown as Element;
    const walker = new CandidateBlockWalker(body, (t) => prefilter.mightMatch(t));
    walker.following = true;
    expect(walker.next()).toBeNull();
    for (const [id, text] of [
      ['parsed', 'Bagram.'],
      ['end', 'The end.'],
    ])
      body.append(Object.assign(document.createElement('p'), { id, textContent: text }) as never);
    walker.following = false; // the page is parsed: its last step
    expect((walker.next() as Element).id).toBe('parsed');
    expect(walker.next()).toBeNull();
  });
});
