// The first scan of a page already shown, screen first (PageScanner.scanPage with
// viewportFirst): over happy-dom, with a made-up layout (each paragraph 50 px tall, in
// document order) and a caret lookup that follows it. Layout itself is a browser's; what is
// tested here is how much of the page the pass for the screen reads.
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { PageScanner } from '../../src/page/page-scanner';
import { RecordedRange, recordingLayer } from './happy-dom-page';

const PARAGRAPH_PX = 50;
const SCREEN = { width: 1000, height: 700 };

const window = new Window({ width: SCREEN.width, height: SCREEN.height });
const scope = globalThis as Record<string, unknown>;
const names = [
  'Node',
  'NodeFilter',
  'document',
  'innerWidth',
  'innerHeight',
  'getComputedStyle',
  'StaticRange',
  'requestAnimationFrame',
  'MutationObserver',
];
const saved = Object.fromEntries(names.map((n) => [n, scope[n]]));
let scrollTop = 0;

beforeAll(() => {
  Object.assign(scope, {
    Node: window.Node,
    NodeFilter: window.NodeFilter,
    document: window.document,
    innerWidth: SCREEN.width,
    innerHeight: SCREEN.height,
    getComputedStyle: (el: Element) => window.getComputedStyle(el as never),
    requestAnimationFrame: (paint: () => void) => setTimeout(paint, 16),
    MutationObserver: window.MutationObserver,
    StaticRange: RecordedRange,
  });
  // Paragraph i spans [i × 50, i × 50 + 50) on the page; everything else holds them all.
  const top = (el: Element) => (el.tagName === 'P' ? Number(el.id.slice(1)) * PARAGRAPH_PX : 0);
  const height = (el: Element) => (el.tagName === 'P' ? PARAGRAPH_PX : 1e6);
  window.HTMLElement.prototype.getBoundingClientRect = function (this: Element) {
    const y = top(this) - scrollTop;
    return {
      top: y,
      bottom: y + height(this),
      left: 0,
      right: SCREEN.width,
      width: SCREEN.width,
      height: height(this),
    } as never;
  } as never;
  (window.document as unknown as Record<string, unknown>).caretPositionFromPoint = (_x: number, y: number) => {
    const p = window.document.getElementById(`p${Math.floor((y + scrollTop) / PARAGRAPH_PX)}`);
    return p ? { offsetNode: p.firstChild, offset: 0 } : null;
  };
});
afterAll(() => Object.assign(scope, saved));

/** A page of `count` paragraphs; those listed in `mentions` name Bagram Air Base. */
function page(count: number, mentions: readonly number[] = []): Element {
  const document = window.document;
  const main = document.createElement('main');
  for (let i = 0; i < count; i++) {
    const p = document.createElement('p');
    p.id = `p${i}`;
    // (No numbers in the text: "2020" is a key word.) Three text nodes in a quiet one: a walk
    // asks about "quiet" alone, a pre-check of the paragraph about all of it.
    if (mentions.includes(i)) p.textContent = 'Flights left Bagram Air Base.';
    else p.append('A ', Object.assign(document.createElement('em'), { textContent: 'quiet' }), ' day.');
    main.append(p);
  }
  document.body.replaceChildren(main);
  return document.body as unknown as Element;
}

/** Scans `body` screen first; says which paragraphs were marked and how many quiet ones the
 *  walk went through (the prefilter was asked about their "quiet" alone). */
async function scanShown(body: Element): Promise<{ marked: string[]; walked: number }> {
  const prefilter = new Prefilter(prefilterSource(bundledPack));
  let walked = 0;
  const counting = {
    mightMatch: (text: string) => (text === 'quiet' && walked++, prefilter.mightMatch(text)),
    mightMention: (text: string) => prefilter.mightMention(text),
  } as Prefilter;
  const marked: string[] = [];
  const scanner = new PageScanner(counting, () => buildMatcher(bundledPack), recordingLayer(marked));
  await scanner.scanPage(body, new AbortController().signal, { viewportFirst: true });
  return { marked, walked };
}

describe('scanning a page already shown', () => {
  it('marks the paragraphs on screen first, then the rest from the top', async () => {
    scrollTop = 1000 * PARAGRAPH_PX;
    const { marked } = await scanShown(page(2000, [3, 1002, 1005, 1500]));
    expect(marked).toEqual(['p1002', 'p1005', 'p3', 'p1500']);
  });

  it('reads about a screenful for the screen, not the rest of a page without mentions', async () => {
    scrollTop = 0;
    const { walked, marked } = await scanShown(page(2000));
    expect(marked).toEqual([]);
    // 14 paragraphs on screen, then at most two pauses' worth (512 text nodes, three to a
    // paragraph) before the walk sees it has left the screen; the rest is only pre-checked.
    expect(walked).toBeLessThanOrEqual(14 + 512 / 3);
  });
});
