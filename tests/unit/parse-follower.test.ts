// The parse follower's sorting of mutation records while a step yields (ParseFollower.behind),
// over happy-dom: a page of 1,000 paragraphs walked in many slices (a clock that runs fast), and
// a page script that changes the page at chosen yields. Records are sorted by a real
// MutationObserver, as the content script does.
import { describe, expect, it, vi } from 'vitest';
import type { PageScanner } from '../../src/page/page-scanner';
import { ParseFollower } from '../../src/page/parse-follower';
import { countReads, happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();

/** A scanner whose prefilter passes text holding "Kabul", and which lists the ids of the
 *  blocks it is asked to match in `matched`. */
function listingScanner(matched: string[]): PageScanner {
  return {
    mightMatch: (text: string) => text.includes('Kabul'),
    scanBlock: (block: Element) => {
      matched.push(block.id);
      return null; // read whole
    },
  } as unknown as PageScanner;
}

/** A follower over 1,000 paragraphs ("Kabul" in those listed), with `atYield` run by the page at
 *  each yield; the blocks it matched and the records it sent to the ordinary batches. */
function setUp(withMention: number[], atYield: (walkAt: number, yields: number) => void) {
  const body = page.doc.body;
  for (let i = 0; i < 1000; i++) {
    const p = page.doc.createElement('p');
    p.id = `p${i}`;
    p.textContent = `${withMention.includes(i) ? 'Kabul' : 'para'} ${i}`;
    body.append(p);
  }
  const matched: string[] = [];
  const follower = new ParseFollower(listingScanner(matched), page.doc);
  const walkAt = () => {
    const node = (follower as unknown as { walker: { position(): Node | null } | null }).walker?.position();
    return Number((node?.parentNode as Element | null)?.id.slice(1) ?? -1);
  };
  let yields = 0;
  (globalThis as Record<string, unknown>).scheduler = {
    yield: async () => {
      atYield(walkAt(), ++yields);
      await new Promise((done) => setTimeout(done, 0));
    },
  };
  const behind: string[] = [];
  const observer = new page.window.MutationObserver((records) => {
    for (const record of follower.behind(records as unknown as MutationRecord[])) {
      const target = record.target as Element;
      behind.push(target.id || (target.parentNode as Element).id);
    }
  });
  observer.observe(page.doc as never, { childList: true, subtree: true, characterData: true });
  return { follower, matched, behind, body };
}

/** The follower's sorting of one delivery of `records`, and how many contains() calls it made. */
function sortCounting(follower: ParseFollower, records: object[]): { sent: MutationRecord[]; contains: number } {
  let contains = 0;
  const count = page.window.Node.prototype.contains;
  page.window.Node.prototype.contains = function (this: never, other: never) {
    contains++;
    return count.call(this, other);
  };
  try {
    const sent = follower.behind(records as unknown as MutationRecord[]);
    return { sent, contains };
  } finally {
    page.window.Node.prototype.contains = count;
  }
}

describe('records sorted while a step yields', () => {
  it('sends text the walk has passed to the batches, though a spot ahead was found at an earlier yield', async () => {
    let done = false;
    const { follower, behind } = setUp([2], (at, yields) => {
      // First yield: a change ahead of the walk.
      if (yields === 1) (page.doc.getElementById('p500')!.firstChild as Text).data = 'edited 500';
      // Later, once the walk has passed p520: a mention written into it.
      if (at > 530 && !done) {
        done = true;
        page.doc.getElementById('p520')!.textContent = 'Kabul 520';
      }
    });
    await follower.step(true, new AbortController().signal);
    await new Promise((next) => setTimeout(next, 0));
    expect(done).toBe(true);
    expect(behind).toContain('p520');
  });

  it('sends a paragraph added behind the walk to the batches, though the script then moves the one it was added after further down', async () => {
    let sent: string[] = [];
    const { follower, body } = setUp([2], (at) => {
      if (at <= 530 || sent.length > 0) return;
      const added = page.doc.createElement('p');
      added.id = 'added';
      added.textContent = 'Kabul added';
      const p100 = page.doc.getElementById('p100')!;
      const [p99, last] = [p100.previousSibling, body.lastChild];
      p100.after(added);
      body.append(p100);
      // What Chromium delivers for that once the script is done (happy-dom leaves
      // previousSibling out): the addition is placed by p100, which is now ahead of the walk.
      const records = [
        { type: 'childList', target: body, previousSibling: p100, addedNodes: [added], removedNodes: [] },
        { type: 'childList', target: body, previousSibling: p99, addedNodes: [], removedNodes: [p100] },
        { type: 'childList', target: body, previousSibling: last, addedNodes: [p100], removedNodes: [] },
      ];
      sent = follower
        .behind(records as unknown as MutationRecord[])
        .map(
          (r) =>
            `${r.addedNodes.length ? 'added' : 'removed'} ${((r.addedNodes[0] ?? r.removedNodes[0]) as Element).id}`,
        );
    });
    await follower.step(true, new AbortController().signal);
    expect(sent.sort()).toEqual(['added added', 'removed p100']);
  });

  it('sorts a move of 400 paragraphs from behind the walk to the end in bounded work', async () => {
    let contains = 0;
    let sent: MutationRecord[] = [];
    const removals: unknown[] = [];
    const { follower, body } = setUp([2], (at) => {
      if (at <= 530 || removals.length > 0) return;
      const records = [];
      for (let k = 0; k < 400; k++) {
        const p = page.doc.getElementById(`p${k}`)!;
        const last = body.lastChild;
        body.append(p);
        // As Chromium delivers them once the script is done: p was first in the body.
        const removal = { type: 'childList', target: body, previousSibling: null, addedNodes: [], removedNodes: [p] };
        removals.push(removal);
        records.push(removal, {
          type: 'childList',
          target: body,
          previousSibling: last,
          addedNodes: [p],
          removedNodes: [],
        });
      }
      ({ sent, contains } = sortCounting(follower, records));
    });
    await follower.step(true, new AbortController().signal);
    expect(removals.length).toBe(400);
    for (const removal of removals) expect(sent).toContain(removal);
    // Past the budget, what was left to the walk went to the batches too: every addition but
    // the last, which came after the last removal.
    expect(sent.length).toBe(799);
    // Each removal checked against every addition before it would be 80,000.
    expect(contains).toBeLessThan(30_000);
  });

  it('sends text changed behind the walk to the batches, though the spot found ahead in the previous delivery was moved up since', async () => {
    let sent: MutationRecord[] = [];
    let edit: object | null = null;
    const { follower, body } = setUp([2], (at) => {
      if (at <= 530 || edit) return;
      const p999 = page.doc.getElementById('p999')!;
      const bar = page.doc.createElement('div');
      bar.append(page.doc.createElement('script'));
      body.append(bar);
      // The parser's records, delivered before its script runs: bar is the last spot ahead.
      const parsed = [
        { type: 'childList', target: body, previousSibling: p999, addedNodes: [bar], removedNodes: [] },
        { type: 'childList', target: bar, previousSibling: null, addedNodes: [bar.firstChild], removedNodes: [] },
      ];
      expect(follower.behind(parsed as unknown as MutationRecord[])).toEqual([]);
      // The script: a mention written into p100, behind the walk, then bar moved to the top.
      const text = page.doc.getElementById('p100')!.firstChild as Text;
      text.data = 'Kabul edited';
      body.prepend(bar);
      edit = { type: 'characterData', target: text, previousSibling: null, addedNodes: [], removedNodes: [] };
      const script = [
        edit,
        { type: 'childList', target: body, previousSibling: p999, addedNodes: [], removedNodes: [bar] },
        { type: 'childList', target: body, previousSibling: null, addedNodes: [bar], removedNodes: [] },
      ];
      sent = follower.behind(script as unknown as MutationRecord[]);
    });
    await follower.step(true, new AbortController().signal);
    expect(edit).not.toBeNull();
    expect(sent).toContain(edit);
  });

  it('counts each removed node against the budget (a list of 500 emptied behind the walk after 2,000 additions ahead)', async () => {
    let contains = 0;
    let sent: MutationRecord[] | null = null;
    const { follower, body } = setUp([2], (at) => {
      if (at <= 530 || sent) return;
      const p900 = page.doc.getElementById('p900')!;
      const addition = { type: 'childList', target: body, previousSibling: p900, addedNodes: [], removedNodes: [] };
      const gone = Array.from({ length: 500 }, (_, k) => page.doc.getElementById(`p${k}`)!);
      for (const p of gone) p.remove();
      const emptied = { type: 'childList', target: body, previousSibling: null, addedNodes: [], removedNodes: gone };
      const records = [...Array.from({ length: 2000 }, () => ({ ...addition })), emptied];
      ({ sent, contains } = sortCounting(follower, records));
    });
    await follower.step(true, new AbortController().signal);
    expect(sent!.length).toBe(2001);
    // Each addition checked against each removed node would be 1,000,000.
    expect(contains).toBeLessThan(50_000);
  });

  it('sends everything left past the budget without deep recursion (12,000 removals ahead, then one behind)', async () => {
    let sent: MutationRecord[] | null = null;
    let records: object[] = [];
    const { follower, body } = setUp([2], (at) => {
      if (at <= 530 || records.length > 0) return;
      const byId = (id: string) => page.doc.getElementById(id)!;
      const [p900, p950, p10] = [byId('p900'), byId('p950'), byId('p10')];
      // A script re-sorting rows ahead of the walk, then taking one paragraph out behind it.
      const ahead = { type: 'childList', target: body, previousSibling: p900, addedNodes: [], removedNodes: [p950] };
      records = [
        ...Array.from({ length: 12_000 }, () => ({ ...ahead })),
        { ...ahead, previousSibling: p10.previousSibling, removedNodes: [p10] },
      ];
      p10.remove();
      sent = follower.behind(records as unknown as MutationRecord[]);
    });
    await follower.step(true, new AbortController().signal);
    expect(sent).not.toBeNull();
    expect(sent!.length).toBe(records.length);
  });

  it('finishes a step whose page puts the paragraph the walk stands in back in place at every yield', async () => {
    let yields = 0;
    const { follower, matched, body } = setUp([2, 800], (at, n) => {
      yields = n;
      const p = page.doc.getElementById(`p${at}`);
      // (Stops after 1,000 yields, so that a walk starting over at each one ends at all.)
      if (p && n < 1000) body.insertBefore(p, p.nextSibling);
    });
    await follower.step(true, new AbortController().signal);
    expect(matched).toEqual(['p2', 'p800']);
    // A few walks from the top, then the rest without yielding.
    expect(yields).toBeLessThan(20);
  });

  it('ends a step while the page still loads, rather than walk on without yielding, when the page disturbs every yield', async () => {
    let yields = 0;
    let disturbing = true;
    const { follower, matched, body } = setUp([2, 800], (at, n) => {
      yields = n;
      const p = page.doc.getElementById(`p${at}`);
      if (p && disturbing && n < 1000) body.insertBefore(p, p.nextSibling);
    });
    const signal = new AbortController().signal;
    await follower.step(false, signal);
    expect(yields).toBeLessThan(20);
    // The parser would have waited for a walk of the whole page: it was left for later.
    expect(matched).not.toContain('p800');
    disturbing = false;
    await follower.step(true, signal);
    expect(matched).toContain('p800');
  });

  it('walks again from the top when a script moves the paragraph it stands in further down', async () => {
    let moved = false;
    const { follower, matched, body } = setUp([2, 800], (at, yields) => {
      if (yields === 1) (page.doc.getElementById('p500')!.firstChild as Text).data = 'edited 500';
      if (at > 530 && at < 800 && !moved) {
        moved = true;
        body.append(page.doc.getElementById(`p${at}`)!);
      }
    });
    const signal = new AbortController().signal;
    await follower.step(false, signal);
    await new Promise((next) => setTimeout(next, 0));
    await follower.step(true, signal);
    expect(moved).toBe(true);
    // p800 stood between the paragraph's old place and its new one, at the end.
    expect(matched).toContain('p800');
  });
});

describe('a long block', () => {
  it('never reads the whole text of a paragraph the parser filled until the last step, whatever its mentions', async () => {
    const { follower } = setUp([], () => {});
    const long = page.doc.createElement('p');
    const fill = (from: number, to: number) => {
      for (let i = from; i < to; i++)
        long.append(`Kabul ${i} `, Object.assign(page.doc.createElement('b'), { textContent: 'x' }));
    };
    fill(0, 100);
    page.doc.body.append(long);
    const reads = countReads(long, page.window.Node.prototype, 'textContent');
    const matched: Element[] = [];
    (follower as unknown as { scanner: { scanBlock(b: Element): null } }).scanner.scanBlock = (b) => {
      matched.push(b);
      return null;
    };
    // A clock that stands still: one stretch per step (happy-dom reads a long text in more
    // than a slice's 8 ms, Chromium in a fraction of one).
    vi.spyOn(performance, 'now').mockReturnValue(0);
    try {
      const signal = new AbortController().signal;
      await follower.step(false, signal);
      // The parser adds 300 more mentions to it before the page is parsed.
      fill(100, 400);
      await follower.step(true, signal);
    } finally {
      vi.restoreAllMocks();
    }
    expect(matched).toEqual([long]);
    // Matched in the last step, once the parser had left it: a change after that reaches
    // the scanner through the watcher's batches, so its text is not kept to compare (three
    // reads of it before, each of megabytes for a long thread).
    expect(reads()).toBe(0);
  });
});

describe('a page whose body had no text at the first step', () => {
  it('matches what the parser added in the task that ended parsing, whose records were sorted as ahead', async () => {
    const body = page.doc.body;
    body.append(page.doc.createElement('div'));
    const matched: string[] = [];
    const follower = new ParseFollower(listingScanner(matched), page.doc);
    const signal = new AbortController().signal;
    await follower.step(false, signal);
    expect(follower.started).toBe(true);
    const observer = new page.window.MutationObserver(() => {});
    observer.observe(page.doc as never, { childList: true, subtree: true, characterData: true });
    // The parser's last piece, in the task that ends parsing: its records are sorted before
    // the last step (the content script's DOMContentLoaded listener), and left to it.
    for (let i = 0; i < 5; i++)
      body.append(Object.assign(page.doc.createElement('p'), { id: `p${i}`, textContent: `Kabul ${i}` }));
    expect(follower.behind(observer.takeRecords() as unknown as MutationRecord[])).toEqual([]);
    await follower.step(true, signal);
    expect(matched).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });
});

describe('the place the walk stands on after passing over what the parser finished', () => {
  it('sends a script’s change to that text, tested already, to the batches (found by a review)', async () => {
    const doc = page.doc;
    doc.body.append(Object.assign(doc.createElement('p'), { id: 'a', textContent: 'Quiet' }));
    doc.body.append(doc.createElement('div')); // the parser is in this one, with no text yet
    const matched: string[] = [];
    const follower = new ParseFollower(listingScanner(matched), doc);
    const signal = new AbortController().signal;
    await follower.step(false, signal);
    const observer = new page.window.MutationObserver(() => {});
    observer.observe(doc as never, { childList: true, subtree: true, characterData: true });
    (doc.getElementById('a')!.firstChild as Text).data = 'Kabul';
    const sent = follower.behind(observer.takeRecords() as unknown as MutationRecord[]);
    await follower.step(true, signal);
    expect(matched.includes('a') || sent.length > 0).toBe(true);
  });
});
