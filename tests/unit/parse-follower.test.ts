// The parse follower's sorting of mutation records while a step yields (ParseFollower.behind),
// over happy-dom: a page of 1,000 paragraphs walked in many slices (a clock that runs fast), and
// a page script that changes the page at chosen yields. Records are sorted by a real
// MutationObserver, as the content script does.
import { describe, expect, it } from 'vitest';
import type { PageScanner } from '../../src/page/page-scanner';
import { ParseFollower } from '../../src/page/parse-follower';
import { happyDomPerTest } from './happy-dom-page';

const page = happyDomPerTest();

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
  const scanner = {
    mightMatchText: (text: string) => text.includes('Kabul'),
    scanBlock: (block: Element) => matched.push(block.id),
  } as unknown as PageScanner;
  const follower = new ParseFollower(scanner, page.doc);
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
      const count = page.window.Node.prototype.contains;
      page.window.Node.prototype.contains = function (this: never, other: never) {
        contains++;
        return count.call(this, other);
      };
      try {
        sent = follower.behind(records as unknown as MutationRecord[]);
      } finally {
        page.window.Node.prototype.contains = count;
      }
    });
    await follower.step(true, new AbortController().signal);
    expect(removals.length).toBe(400);
    for (const removal of removals) expect(sent).toContain(removal);
    // Each removal checked against every addition before it would be 80,000.
    expect(contains).toBeLessThan(30_000);
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
