// The prefiltered walk tests an element the parser has finished whole, by its textContent, and
// passes over it and its finished siblings while they hold no key word (src/page/candidate-
// blocks.ts, passOver). A "no" there skips their blocks for good, so on pages of any shape,
// whole or arriving node by node as the parser adds them, every block with a run of text that
// passes the prefilter must still come out as a candidate. Over happy-dom.
import { describe, expect, it } from 'vitest';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { CandidateBlockWalker, PAUSE } from '../../src/page/candidate-blocks';
import { BlockClassifier } from '../../src/page/text-blocks';
import { pick, seededRandom } from '../bench/random';
import { happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();
const prefilter = new Prefilter(prefilterSource(bundledPack));

/** Word pieces that make key words only together, key words whole, and plain prose. */
const PIECES = [
  'A quiet day. ',
  'news ',
  ' ',
  'Bag',
  'ram',
  'Bagram ',
  'Air Base',
  'Afghan',
  'istan ',
  'Kab',
  'ul',
  'Do',
  'ha',
  'Fit',
  'rat',
  'Bag\u00ad',
  '2020 ',
  'x',
];

function fragment(random: () => number): string {
  return Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, PIECES)).join('');
}

/** A random body: blocks in blocks, paragraphs of text and inline elements (some empty, some
 *  cutting a word), comments, white space, scripts, and now and then a large section. */
function randomBody(doc: Document, random: () => number): HTMLElement {
  const leaf = (): Element => {
    const p = doc.createElement(pick(random, ['p', 'h2', 'li', 'td']));
    for (let i = 0, n = 1 + Math.floor(random() * 5); i < n; i++) {
      const r = random();
      // (An empty text node now and then: a script's leftover, which cuts no word.)
      if (r < 0.05) p.append(doc.createTextNode(''));
      else if (r < 0.45) p.append(fragment(random));
      else if (r < 0.8) {
        const inline = doc.createElement(pick(random, ['span', 'em', 'a', 'b']));
        inline.append(fragment(random));
        if (random() < 0.3) inline.append(doc.createElement('i'));
        p.append(inline);
      } else if (r < 0.9) p.append(doc.createElement(pick(random, ['img', 'br', 'span'])));
      else p.append(doc.createComment('c'));
    }
    return p;
  };
  const block = (depth: number): Node => {
    const r = random();
    if (r < 0.1) return doc.createTextNode('\n  ');
    if (r < 0.15) return doc.createComment('note');
    if (r < 0.2) return Object.assign(doc.createElement('script'), { textContent: 'var s = "Bagram";' });
    if (depth > 2 || r < 0.6) return leaf();
    const box = doc.createElement(pick(random, ['div', 'section', 'article', 'ul']));
    // Now and then one with more elements than a walk reads whole.
    if (random() < 0.1) for (let i = 0; i < 70; i++) box.append(leaf());
    else for (let i = 0, n = 1 + Math.floor(random() * 5); i < n; i++) box.append(block(depth + 1));
    return box;
  };
  const body = doc.createElement('body');
  for (let i = 0, n = 2 + Math.floor(random() * 10); i < n; i++) body.append(block(0));
  return body;
}

/** The blocks a walk must not miss: those with a run of text (the text nodes of one block in a
 *  row, with no other block's text between) that passes the prefilter. */
function mustFind(body: HTMLElement): Set<Element> {
  const classifier = new BlockClassifier();
  const walker = body.ownerDocument.createTreeWalker(body, 4 /* SHOW_TEXT */);
  const found = new Set<Element>();
  let run = '';
  let runBlock: Element | null = null;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const block = node.parentElement ? classifier.blockOf(node.parentElement) : null;
    if (block === null) continue;
    if (block !== runBlock) [run, runBlock] = ['', block];
    run += node.data;
    if (prefilter.mightMatch(run)) found.add(block);
  }
  return found;
}

function drain(walker: CandidateBlockWalker, into: Set<Element>): void {
  for (let block = walker.next(); block; block = walker.next()) if (block !== PAUSE) into.add(block);
}

/** `source`'s nodes appended one by one in document order to a copy, as the parser adds them
 *  (a text node in two pieces: the parser adds to the last one as more comes), with a walk
 *  that follows, looking after every `every` additions; then its last step. */
function followParsing(source: HTMLElement, every: number): { copy: HTMLElement; found: Set<Element> } {
  const doc = source.ownerDocument;
  const copy = doc.createElement('body');
  const walker = new CandidateBlockWalker(copy, (text) => prefilter.mightMatch(text));
  walker.following = true;
  const found = new Set<Element>();
  const copies = new Map<Node, Node>([[source, copy]]);
  const all = doc.createTreeWalker(source, 0xffffffff);
  let added = 0;
  for (let node = all.nextNode(); node; node = all.nextNode()) {
    const clone = node.cloneNode(false);
    copies.set(node, clone);
    const rest = node.nodeType === 3 ? (clone as Text).data.slice(2) : '';
    if (rest) (clone as Text).data = (clone as Text).data.slice(0, 2);
    copies.get(node.parentNode!)!.appendChild(clone);
    if (++added % every === 0) drain(walker, found);
    if (rest) {
      (clone as Text).appendData(rest);
      if (++added % every === 0) drain(walker, found);
    }
  }
  walker.following = false;
  drain(walker, found);
  return { copy, found };
}

describe('blocks passed over whole', () => {
  it('never hides a block whose text may hold a mention, on a page parsed whole', () => {
    const doc = page.doc;
    for (let seed = 1; seed <= 150; seed++) {
      const body = randomBody(doc, seededRandom(seed));
      const found = new Set<Element>();
      drain(new CandidateBlockWalker(body, (text) => prefilter.mightMatch(text)), found);
      for (const block of mustFind(body)) expect(found.has(block), `seed ${seed}: ${block.textContent}`).toBe(true);
    }
  }, 30_000); // (a few seconds of happy-dom; more on a busy machine)

  it('never hides one while the page arrives node by node either', () => {
    const doc = page.doc;
    for (let seed = 1; seed <= 150; seed++) {
      const random = seededRandom(seed);
      const body = randomBody(doc, random);
      const { copy, found } = followParsing(body, 1 + Math.floor(random() * 8));
      for (const block of mustFind(copy)) expect(found.has(block), `seed ${seed}: ${block.textContent}`).toBe(true);
    }
  }, 30_000); // (a few seconds of happy-dom; more on a busy machine)

  it('keeps a word cut across the elements it passes over, past an empty text node or an image', () => {
    const doc = page.doc;
    const span = (text: string) => Object.assign(doc.createElement('span'), { textContent: text });
    const cases: Array<() => Array<Node | string>> = [
      () => ['News ', span('Bag'), doc.createTextNode(''), 'ram Air Base'],
      () => ['News ', span('Bag'), doc.createElement('img'), span('ram'), ' Air Base'],
      () => ['News ', span('T'), doc.createTextNode(''), span('A'), 'libAn\u2014U.S. deAl'],
      // A ruby's parenthesis with no reading: the walk leaves it out, textContent does not.
      () => {
        const ruby = doc.createElement('ruby');
        ruby.append('Bag', Object.assign(doc.createElement('rp'), { textContent: '(' }), 'ram');
        return [span('News'), ' ', ruby, ' Air Base'];
      },
    ];
    for (const parts of cases) {
      const body = doc.createElement('body');
      const p = doc.createElement('p');
      p.append(...parts());
      body.append(p);
      const found = new Set<Element>();
      drain(new CandidateBlockWalker(body, (text) => prefilter.mightMatch(text)), found);
      expect(found.has(p), p.textContent ?? '').toBe(true);
    }
  });

  it('asks about each finished paragraph once, not about each of its text nodes', () => {
    const doc = page.doc;
    const body = doc.createElement('body');
    for (let i = 0; i < 30; i++) {
      const p = doc.createElement('p');
      p.append('A quiet ', Object.assign(doc.createElement('em'), { textContent: 'day' }), ' in town.');
      body.append(p, '\n');
    }
    const asked: string[] = [];
    const walker = new CandidateBlockWalker(body, (text) => (asked.push(text), prefilter.mightMatch(text)));
    drain(walker, new Set());
    expect(asked).toEqual(Array(30).fill('A quiet day in town.'));
  });

  it('goes into a large wrapper of a heading and a section rather than read it whole', () => {
    const doc = page.doc;
    const body = doc.createElement('body');
    const section = doc.createElement('section');
    for (let i = 0; i < 40; i++) {
      const p = doc.createElement('p');
      p.append('A quiet ', Object.assign(doc.createElement('em'), { textContent: 'day' }), ' in town.');
      section.append(p);
    }
    const wrapper = doc.createElement('div');
    wrapper.append(Object.assign(doc.createElement('h2'), { textContent: 'News' }), '\n', section);
    body.append(wrapper);
    const asked: string[] = [];
    const walker = new CandidateBlockWalker(body, (text) => (asked.push(text), prefilter.mightMatch(text)));
    drain(walker, new Set());
    expect(asked).toEqual(['News', ...Array<string>(40).fill('A quiet day in town.')]);
  });

  it('asks the same while the page loads, about the paragraphs the parser has finished', () => {
    const doc = page.doc;
    const body = doc.createElement('body');
    const main = doc.createElement('main');
    body.append(main);
    for (let i = 0; i < 30; i++) {
      const p = doc.createElement('p');
      p.append('A quiet ', Object.assign(doc.createElement('em'), { textContent: 'day' }), ' in town.');
      main.append(p, '\n');
    }
    // The parser is in the last one (and in <main>, which holds it).
    main.append(Object.assign(doc.createElement('p'), { textContent: 'Still coming' }));
    const asked: string[] = [];
    const walker = new CandidateBlockWalker(body, (text) => (asked.push(text), prefilter.mightMatch(text)));
    walker.following = true;
    drain(walker, new Set());
    expect(asked).toEqual(Array(30).fill('A quiet day in town.'));
  });
});
