// While the page loads, the document is watched from the parse follower's first step: a page
// parsed in one piece made a record for each of its nodes, all dropped (nothing is behind a walk
// not yet started).
import { describe, expect, it } from 'vitest';
import { watchMutations } from '../../src/page/mutation-watcher';
import { fillBody, happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();

/** Lets the observer deliver what it holds (its callback runs as a microtask). */
const delivered = () => new Promise((done) => setTimeout(done, 0));

/** A watcher as the parse follower uses it while the page loads, with the sizes of the deliveries
 *  it hands over, and a way to add `n` paragraphs to the page. */
function loadingWatcher() {
  const sorted: number[] = [];
  const watcher = watchMutations(page.doc, () => {}, new AbortController().signal, undefined, {
    behind: (records) => (sorted.push(records.length), []),
    onSkipped: () => {},
  });
  const add = (n: number) => {
    for (let i = 0; i < n; i++) page.doc.body.append(page.doc.createElement('p'));
  };
  return { sorted, watcher, add };
}

describe('the mutation watcher while the page loads', () => {
  it('is handed no record of what the parser adds before the first step, and every one after it', async () => {
    const { sorted, watcher, add } = loadingWatcher();
    add(500);
    await delivered();
    expect(sorted).toEqual([]);
    watcher.watch();
    add(3);
    await delivered();
    expect(sorted).toEqual([3]);
  });

  it('hands over nothing while paused, and everything again once watching resumes', async () => {
    const { sorted, watcher, add } = loadingWatcher();
    watcher.watch();
    add(2);
    await delivered();
    watcher.pause();
    add(500);
    await delivered();
    expect(sorted).toEqual([2]);
    watcher.watch();
    add(3);
    await delivered();
    expect(sorted).toEqual([2, 3]);
  });

  it('watches a page already loaded from the start', async () => {
    const batches: Node[][] = [];
    watchMutations(page.doc, (batch) => batches.push(batch.roots), new AbortController().signal);
    const p = page.doc.createElement('p');
    page.doc.body.append(p);
    await new Promise((done) => setTimeout(done, 50)); // a batch waits for the next frame
    expect(batches).toEqual([[p]]);
  });
});

describe('the mutation watcher’s batches', () => {
  /** What the batches made while `change` runs on a loaded page read again: each batch's roots,
   *  then, as `{ own }`, each block whose own text it reads again. */
  async function rootsOf(change: () => void): Promise<Array<Array<Node | { own: Element }>>> {
    const batches: Array<Array<Node | { own: Element }>> = [];
    watchMutations(
      page.doc,
      (batch) => batches.push([...batch.roots, ...batch.ownText.map((own) => ({ own }))]),
      new AbortController().signal,
    );
    change();
    await new Promise((done) => setTimeout(done, 50)); // a batch waits for the next frame
    return batches;
  }

  it('rescans only the new items of a feed that appends them with line breaks between', async () => {
    fillBody(page, '<main>\n<p>First item</p>\n</main>');
    const feed = page.doc.querySelector('main')!;
    const items = new page.window.DOMParser().parseFromString(
      '\n<p>Second item</p>\n  <p>Third item</p>\n',
      'text/html',
    );
    const nodes = [...items.body.childNodes].map((node) => page.doc.importNode(node as unknown as Node, true));
    const batches = await rootsOf(() => feed.append(...nodes));
    expect(batches).toEqual([[...feed.querySelectorAll('p')].slice(1)]);
  });

  it('scans a link put between two blocks alone, and its block’s own text too when it may finish a name', async () => {
    fillBody(page, '<main><p>One</p>\n</main><p id="name">Bagram <b>Air</b></p>');
    const feed = page.doc.querySelector('main')!;
    const alone = page.doc.createElement('a');
    alone.append('Bagram Air Base');
    const after = page.doc.createElement('p');
    expect(await rootsOf(() => feed.append(alone, page.doc.createTextNode('\n'), after))).toEqual([[alone, after]]);
    // A link put after "Bagram Air" may finish a name there: its block's own text is read again.
    const name = page.doc.getElementById('name')!;
    const link = page.doc.createElement('a');
    link.append(' Base');
    expect(await rootsOf(() => name.append(link))).toEqual([[link, { own: name }]]);
  });

  it('rescans only the new cards of a feed of links around blocks, appended or dropped', async () => {
    const card = (title: string) => `<a href="#"> <article><h3>${title}</h3><p>More</p></article>\n</a>`;
    fillBody(page, `<section>${card('First')}</section>`);
    const feed = page.doc.querySelector('section')!;
    const items = new page.window.DOMParser().parseFromString(`\n${card('Second')}${card('Third')}`, 'text/html');
    const nodes = [...items.body.childNodes].map((node) => page.doc.importNode(node as unknown as Node, true));
    expect(await rootsOf(() => feed.append(...nodes))).toEqual([[...feed.querySelectorAll('a')].slice(1)]);
    expect(await rootsOf(() => feed.querySelector('a')!.remove())).toEqual([[]]);
    // A link with words at its edge may join them with its neighbour's: the feed's own text is
    // read again (not its cards).
    const lead = page.doc.createTextNode('Bagram');
    expect(await rootsOf(() => feed.append(lead))).toEqual([[lead]]);
    const tail = page.doc.createElement('a');
    tail.append(' Air Base', page.doc.createElement('div'));
    expect(await rootsOf(() => feed.append(tail))).toEqual([[tail, { own: feed }]]);
  });

  it('looks past at most 32 placeholders for the edge beside a node, and reads its block’s own text again beyond', async () => {
    // (A table sorted by moving its rows, a line break between each, piles them up.)
    const comments = (n: number) => '<!--c-->'.repeat(n);
    fillBody(page, `<div id="near">${comments(32)}</div><div id="far">${comments(33)}</div>`);
    const near = page.doc.getElementById('near')!;
    const far = page.doc.getElementById('far')!;
    const word = () => {
      const span = page.doc.createElement('span');
      span.append('Air');
      return span;
    };
    const nearWord = word();
    expect(await rootsOf(() => near.append(nearWord))).toEqual([[nearWord]]);
    const farWord = word();
    expect(await rootsOf(() => far.append(farWord))).toEqual([[farWord, { own: far }]]);
  });

  it('reads the block’s own text again when a link put beside a block has words at its other edge', async () => {
    // After a block: a link that opens with a heading but ends in words may go on into the words after it.
    fillBody(page, '<div id="d"><p>One</p> Air Base</div><div id="e">Bagram <p>Two</p></div>');
    const d = page.doc.getElementById('d')!;
    const ending = page.doc.createElement('a');
    ending.append(page.doc.createElement('h3'), 'Bagram');
    expect(await rootsOf(() => d.firstChild!.after(ending))).toEqual([[ending, { own: d }]]);
    // Before a block: one that ends with a heading but opens with words may go on from the words before it.
    const e = page.doc.getElementById('e')!;
    const opening = page.doc.createElement('a');
    opening.append('Air Base', page.doc.createElement('h3'));
    expect(await rootsOf(() => e.lastChild!.before(opening))).toEqual([[opening, { own: e }]]);
  });

  it('reads the block’s own text again when a block, or a link around one, goes from between two pieces of a name, or comes between them', async () => {
    fillBody(
      page,
      '<div id="r">Bagram<a href="#"><div>Ad</div></a> Air Base</div><div id="e">Bagram<div></div> Air Base</div>' +
        '<p id="i">Bagram<span> Air Base</span></p>',
    );
    const r = page.doc.getElementById('r')!;
    const e = page.doc.getElementById('e')!;
    const i = page.doc.getElementById('i')!;
    expect(await rootsOf(() => r.querySelector('a')!.remove())).toEqual([[{ own: r }]]);
    expect(await rootsOf(() => e.querySelector('div')!.remove())).toEqual([[{ own: e }]]);
    const ad = page.doc.createElement('a');
    ad.append(page.doc.createElement('div'));
    expect(await rootsOf(() => i.firstChild!.after(ad))).toEqual([[ad, { own: i }]]);
  });

  it('reads the block’s own text again when blocks are put side by side between two pieces of a name', async () => {
    fillBody(page, '<p id="one">Bagram<span> Air Base</span></p><p id="two">Bagram<span> Air Base</span></p>');
    const [one, two] = [page.doc.getElementById('one')!, page.doc.getElementById('two')!];
    const blocks = () => [page.doc.createElement('div'), page.doc.createElement('div')] as const;
    // Each block stands beside a block; the two of them still part "Bagram" from "Air Base".
    const [a, b] = blocks();
    expect(await rootsOf(() => one.firstChild!.after(a, b))).toEqual([[a, b, { own: one }]]);
    const [c, d] = blocks();
    expect(
      await rootsOf(() => {
        two.firstChild!.after(c);
        c.after(d);
      }),
    ).toEqual([[c, d, { own: two }]]);
  });

  it('reads the block’s own text again when text goes from beside a block the same batch put in', async () => {
    fillBody(page, '<p id="p">Bagram<span> Air Base</span></p>');
    const p = page.doc.getElementById('p')!;
    const block = page.doc.createElement('div');
    // "Bagram Air Base" loses its second half: "Bagram" alone is a mention of its own now.
    expect(
      await rootsOf(() => {
        p.firstChild!.after(block);
        p.lastChild!.remove();
      }),
    ).toEqual([[block, { own: p }]]);
  });

  it('judges a node taken out by its neighbours alone when the batch changed what it holds', async () => {
    fillBody(page, '<p id="p">Bagram <sup>Air Base</sup></p><div id="card"></div>');
    const p = page.doc.getElementById('p')!;
    const sup = p.querySelector('sup')!;
    // As it went, the <sup> began with text; a block put at its start afterwards says otherwise.
    const batches = await rootsOf(() => {
      sup.remove();
      page.doc.getElementById('card')!.append(sup);
      sup.prepend(page.doc.createElement('div'));
    });
    expect(batches[0]).toContainEqual({ own: p });
  });

  it('looks past an empty link: a feed of cards whose own links a parser emptied', async () => {
    // A card that nests a link in its own: the parser leaves the outer link empty before the
    // card's paragraph (<a></a><p><a>…</a>…</p>).
    fillBody(page, '<main><p>First</p></main>');
    const feed = page.doc.querySelector('main')!;
    const card = () => {
      const paragraph = page.doc.createElement('p');
      paragraph.append('Bagram Air Base');
      return [page.doc.createElement('a'), paragraph] as const;
    };
    const [emptyOne, first] = card();
    const [emptyTwo, second] = card();
    expect(await rootsOf(() => feed.append('\n', emptyOne, first, '\n', emptyTwo, second))).toEqual([[first, second]]);
  });

  it('judges a node taken out by its neighbours alone when the batch changed something inside it', async () => {
    fillBody(page, '<div id="gone"><span>Bagram</span> Air Base</div>');
    const gone = page.doc.getElementById('gone')!;
    // A span given a block at its end, then taken out: as it went, it ended with text. (The
    // span's own text, no longer in the page, the scanner passes over.)
    const span = gone.querySelector('span')!;
    expect(
      await rootsOf(() => {
        span.append(page.doc.createElement('h3'));
        span.remove();
      }),
    ).toEqual([[{ own: span }, { own: gone }]]);
  });

  it('rescans nothing but removals when a feed drops items and the line breaks between them', async () => {
    fillBody(page, '<main>\n<p>First item</p>\n<p>Second item</p>\n</main>');
    const feed = page.doc.querySelector('main')!;
    const batches: Array<{ roots: Node[]; removedNodes: Node[] }> = [];
    watchMutations(page.doc, (batch) => batches.push(batch), new AbortController().signal);
    feed.firstChild!.remove();
    feed.firstElementChild!.remove();
    feed.firstChild!.remove();
    await new Promise((done) => setTimeout(done, 50));
    expect(batches.map((b) => [b.roots, b.removedNodes.length])).toEqual([[[], 3]]);
  });

  it('rescans nothing when a view puts or takes out a placeholder: a comment, an empty text node', async () => {
    fillBody(page, '<main><p>Before</p><div id="widget">Bagram</div><p>After</p></main>');
    const main = page.doc.querySelector('main')!;
    const widget = page.doc.getElementById('widget')!;
    // A conditional part of the view goes, leaving its placeholder; a list adds its anchors.
    const batches = await rootsOf(() => {
      widget.replaceWith(page.doc.createComment('v-if'));
      main.append(page.doc.createTextNode(''), page.doc.createTextNode(''));
    });
    expect(batches).toEqual([[]]); // (one batch, for the marks in the widget to go)
    // And comes back in its place: only it is scanned.
    const back = page.doc.createElement('div');
    expect(await rootsOf(() => main.childNodes[1]!.replaceWith(back))).toEqual([[back]]);
  });

  it('reads the block’s own text again when what stood beside a removal went too, or when a field is all that parts it', async () => {
    fillBody(page, '<div id="d">Bagram<!--w-->s</div><p id="p">Fitrat <button>Share</button> army chief</p>');
    const byId = (id: string) => page.doc.getElementById(id)!;
    const [d, p] = [byId('d'), byId('p')];
    // "Bagrams" loses its "s", then the comment that stood between: "Bagram" is whole again.
    expect(
      await rootsOf(() => {
        d.lastChild!.remove();
        d.lastChild!.remove();
      }),
    ).toEqual([[{ own: d }]]);
    // A button does not end a run of text (the words around it are one block's): taking out
    // the words after it changes what the block says.
    expect(await rootsOf(() => p.lastChild!.remove())).toEqual([[{ own: p }]]);
  });

  it('never takes a doctype put into the document for text to scan', async () => {
    const doctype = page.doc.implementation.createDocumentType('html', '', '');
    const batches = await rootsOf(() => page.doc.insertBefore(doctype, page.doc.documentElement));
    expect(batches.flat()).not.toContain(doctype);
  });

  it('reads the block’s own text again when white space lands between two pieces of a word, or leaves them', async () => {
    fillBody(page, '<p id="a"><b>Bag</b><b>ram</b></p><p id="b">Bag<i></i>ram</p><p id="c">Bag <br> ram</p>');
    const byId = (id: string) => page.doc.getElementById(id)!;
    const [a, b, c] = [byId('a'), byId('b'), byId('c')];
    expect(await rootsOf(() => a.firstChild!.after(page.doc.createTextNode(' ')))).toEqual([[{ own: a }]]);
    expect(await rootsOf(() => b.querySelector('i')!.append(' '))).toEqual([[{ own: b }]]);
    expect(await rootsOf(() => c.childNodes[1]!.remove())).toEqual([[{ own: c }]]);
  });
});
