// A loaded page's sliced scan (PageScanner.scanPage) while the page's own scripts run between
// its slices, over happy-dom: a clock that runs fast makes the scan yield after every
// candidate and every pause, and a page script changes the page at chosen yields. In Chromium
// the page rarely gets a turn there (scheduler.yield's continuation goes first); with the
// setTimeout fallback (Firefox) it does at every yield.
import { describe, expect, it } from 'vitest';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { bundledPack } from '../../src/pack/bundled';
import { PageScanner } from '../../src/page/page-scanner';
import { fillBody, happyDomPerTest, recordingLayer } from './happy-dom-page';

const page = happyDomPerTest();

/** Scans a page of `count` paragraphs, in <main> or straight in the body (those in
 *  `mentions` name Bagram Air Base),
 *  running `atYield` at each yield with the paragraph the walk stands in (the last one whose
 *  text the prefilter was asked about); the paragraphs marked, and how many texts were asked
 *  about. */
async function scanWhileScriptsRun(
  count: number,
  mentions: readonly number[],
  atYield: (walkAt: Element | null, yields: number) => void,
  inMain = true,
): Promise<{ marked: string[]; tested: number }> {
  const doc = page.doc;
  const main = inMain ? doc.createElement('main') : doc.body;
  for (let i = 0; i < count; i++) {
    const p = doc.createElement('p');
    p.id = `p${i}`;
    p.textContent = `p${i}: ${mentions.includes(i) ? 'Flights left Bagram Air Base.' : 'A quiet day.'}`;
    main.append(p);
  }
  if (inMain) doc.body.append(main);
  const marked: string[] = [];
  const prefilter = new Prefilter(prefilterSource(bundledPack));
  let tested = 0;
  let walkAt: Element | null = null;
  const watching = {
    mightMatch(text: string) {
      tested++;
      const id = /^p\d+(?=:)/.exec(text)?.[0];
      if (id) walkAt = doc.getElementById(id) as Element | null;
      return prefilter.mightMatch(text);
    },
    mightMention: (text: string) => prefilter.mightMention(text),
  } as Prefilter;
  const scanner = new PageScanner(watching, () => buildMatcher(bundledPack), recordingLayer(marked));
  let yields = 0;
  (globalThis as Record<string, unknown>).scheduler = {
    yield: async () => {
      atYield(walkAt, ++yields);
      await new Promise((done) => setTimeout(done, 0));
    },
  };
  await scanner.scanPage(doc.body as unknown as Element, new AbortController().signal);
  return { marked, tested };
}

describe('a loaded page scanned while its scripts run', () => {
  /** Moves the paragraph after `at` (where the walk goes on from) to the end, once. */
  const moveNextDown = () => {
    let moved = false;
    return {
      moved: () => moved,
      atYield(at: Element | null) {
        const next = at?.nextElementSibling;
        const n = Number(next?.id.slice(1) ?? -1);
        if (!moved && next && n > 100 && n < 800) {
          moved = true;
          next.parentNode!.append(next);
        }
      },
    };
  };

  it('goes on after where the paragraph it stands in stood when a script moves that one further down', async () => {
    const script = moveNextDown();
    const { marked, tested } = await scanWhileScriptsRun(1000, [2, 800], script.atYield);
    expect(script.moved()).toBe(true);
    // p800 stood between the paragraph's old place and its new one, at the end.
    expect(marked).toEqual(['p2', 'p800']);
    // Not from the top again (the moved paragraph comes back through the watcher's batches).
    expect(tested).toBeLessThan(1100);
  });

  it('pre-checks the body on after where the block it goes on from stood when a script moves that one down', async () => {
    const script = moveNextDown();
    // Paragraphs straight in the body, none passing the prefilter before p800: each is
    // pre-checked as a whole, not walked.
    const { marked, tested } = await scanWhileScriptsRun(1000, [800], script.atYield, false);
    expect(script.moved()).toBe(true);
    expect(marked).toEqual(['p800']);
    expect(tested).toBeLessThan(1100);
  });

  it('walks again from the top when the script moves what came after the paragraph too', async () => {
    let moved = false;
    const { marked } = await scanWhileScriptsRun(1000, [2, 800], (at) => {
      const next = at?.nextElementSibling;
      const n = Number(next?.id.slice(1) ?? -1);
      if (!moved && next?.nextElementSibling && n > 100 && n < 700) {
        moved = true;
        next.parentNode!.append(next, next.nextElementSibling);
      }
    });
    expect(moved).toBe(true);
    expect(marked).toEqual(['p2', 'p800']);
  });

  it('walks again from the top when the script empties the paragraph the walk goes on in and moves it down', async () => {
    let moved = false;
    const { marked } = await scanWhileScriptsRun(1000, [2, 800], (at) => {
      const next = at?.nextElementSibling;
      const n = Number(next?.id.slice(1) ?? -1);
      if (!moved && next && n > 100 && n < 700) {
        moved = true;
        // Its text node goes (the last in the paragraph), then the paragraph goes to the end:
        // what comes after the paragraph now is not what came after it.
        next.textContent = `${next.textContent}`;
        next.parentNode!.append(next);
        page.doc.body.append(page.doc.createElement('footer'));
      }
    });
    expect(moved).toBe(true);
    expect(marked).toEqual(['p2', 'p800']);
  });

  it("finishes a page whose script puts the walk's <main> and what follows it back in place at every yield", async () => {
    let yields = 0;
    const { marked } = await scanWhileScriptsRun(1000, [2, 800], (_at, n) => {
      yields = n;
      const body = page.doc.body;
      const footer = body.querySelector('footer') ?? body.appendChild(page.doc.createElement('footer'));
      // (Stops after 1,000 yields, so that a scan starting over at each one ends at all.)
      if (n > 1 && n < 1000) body.append(body.querySelector('main')!, footer);
    });
    expect(marked).toEqual(['p2', 'p800']);
    // A few walks from the top, then the rest without yielding.
    expect(yields).toBeLessThan(20);
  });

  it('does not walk again from the top for paragraphs a script adds and removes behind the walk', async () => {
    const { marked, tested } = await scanWhileScriptsRun(1000, [2, 800], (_at, yields) => {
      if (yields > 10) return;
      const first = page.doc.querySelector('main')!.firstElementChild!;
      if (yields % 2 === 0) first.after(page.doc.createElement('p'));
      else first.nextElementSibling?.remove();
    });
    expect(marked).toEqual(['p2', 'p800']);
    // Each paragraph's text asked about once, plus the pre-check of <main>'s: never the page
    // again from the top.
    expect(tested).toBeLessThan(1100);
  });
});

/** A scanner that draws into `marked` and counts how often it builds its matcher. */
function countingBuilds(marked: string[]): { scanner: PageScanner; built: () => number } {
  let built = 0;
  const scanner = new PageScanner(
    new Prefilter(prefilterSource(bundledPack)),
    () => (built++, buildMatcher(bundledPack)),
    recordingLayer(marked),
  );
  return { scanner, built: () => built };
}

describe('the pre-check of a loaded page', () => {
  it('passes over scripts, styles, templates and editors in the body without reading them', async () => {
    const doc = page.doc;
    const data = doc.createElement('script');
    data.type = 'application/json';
    data.textContent = JSON.stringify({ story: 'Bagram Air Base '.repeat(10_000) });
    const style = doc.createElement('style');
    style.textContent = '.Bagram { color: red }';
    const template = doc.createElement('template');
    const inTemplate = doc.createElement('p');
    inTemplate.textContent = 'Bagram Air Base';
    template.content.append(inTemplate);
    const editor = doc.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    editor.textContent = 'Draft about Bagram Air Base';
    doc.body.append(data, style, template, editor);
    for (let i = 0; i < 50; i++) {
      const p = doc.createElement('p');
      p.textContent = `A quiet day, number ${i}.`;
      doc.body.append(p);
    }
    const read: string[] = [];
    const prefilter = new Prefilter(prefilterSource(bundledPack));
    const reading = {
      mightMatch(text: string) {
        read.push(text);
        return prefilter.mightMatch(text);
      },
      mightMention: (text: string) => prefilter.mightMention(text),
    } as Prefilter;
    let built = 0;
    const marked: string[] = [];
    const scanner = new PageScanner(reading, () => (built++, buildMatcher(bundledPack)), recordingLayer(marked));
    await scanner.scanPage(doc.body as unknown as Element, new AbortController().signal);
    expect(marked).toEqual([]);
    expect(built).toBe(0);
    expect(read.filter((text) => text.includes('Bagram'))).toEqual([]);
    expect(read).toHaveLength(50); // one look at each paragraph, none at the walk's pace
  });

  /** Scans the page's body; the marks and every text the prefilter was asked about. */
  async function scanReading(): Promise<{ marked: string[]; read: string[] }> {
    const read: string[] = [];
    const prefilter = new Prefilter(prefilterSource(bundledPack));
    const reading = {
      mightMatch: (text: string) => (read.push(text), prefilter.mightMatch(text)),
      mightMention: (text: string) => prefilter.mightMention(text),
    } as Prefilter;
    const marked: string[] = [];
    const scanner = new PageScanner(reading, () => buildMatcher(bundledPack), recordingLayer(marked));
    await scanner.scanPage(page.doc.body as unknown as Element, new AbortController().signal);
    return { marked, read };
  }

  /** <main><article> with `sections` sections of 20 paragraphs; those numbered in `mentions`
   *  name Bagram Air Base. */
  function longArticle(sections: number, mentions: readonly number[]): Element {
    const doc = page.doc;
    const article = doc.createElement('article');
    for (let s = 0, n = 0; s < sections; s++) {
      const section = doc.createElement('section');
      section.append(doc.createElement('h2'), '\n');
      section.firstChild!.textContent = `Part ${s}`;
      for (let i = 0; i < 20; i++, n++) {
        const p = doc.createElement('p');
        p.id = `p${n}`;
        p.textContent = mentions.includes(n) ? 'Flights left Bagram Air Base.' : 'A quiet day.';
        section.append(p, '\n');
      }
      article.append(section);
    }
    const main = doc.createElement('main');
    main.append(article);
    doc.body.append(main);
    return main;
  }

  it('goes into a long article’s blocks rather than read all its text to find a word near its top', async () => {
    const main = longArticle(10, [3, 150]);
    const { marked, read } = await scanReading();
    expect(marked).toEqual(['p3', 'p150']);
    // Its sections, read whole, until the first with a key word; then the walk. (Before: all
    // of <main>'s text in one piece, to find the word in its fourth paragraph.)
    const longest = Math.max(...read.map((text) => text.length));
    expect(longest).toBeLessThan((main.textContent ?? '').length / 5);
  });

  /** A header that names the country and its capital, then `quiet` paragraphs with their
   *  last word in an element (a walk asks about "A quiet " and "day" apart; the pre-check
   *  about "A quiet day." whole). */
  function pageAboutAfghanistan(quiet: number, header = true): void {
    const doc = page.doc;
    if (header) {
      const p = doc.createElement('p');
      p.textContent = 'Notes on Afghanistan, filed from Kabul.';
      doc.body.append(doc.createElement('header'));
      doc.body.firstChild!.appendChild(p);
    }
    for (let i = 0; i < quiet; i++) {
      const p = doc.createElement('p');
      p.append('A quiet ', doc.createElement('em'), '.');
      p.childNodes[1]!.textContent = 'day';
      doc.body.append(p);
    }
  }

  it('builds no matcher for text that only names the country, and counts it once a mention comes', async () => {
    for (const header of [true, false]) {
      page.doc.body.replaceChildren();
      pageAboutAfghanistan(5, header);
      const marked: string[] = [];
      const { scanner, built } = countingBuilds(marked);
      const signal = new AbortController().signal;
      await scanner.scanPage(page.doc.body as unknown as Element, signal);
      expect(built()).toBe(0);
      // A script adds the story's paragraph: the Doha Agreement counts on a page about
      // Afghanistan, which the header said before the matcher was built.
      const story = page.doc.createElement('p');
      story.id = 'story';
      story.textContent = 'The Doha Agreement was signed that week.';
      page.doc.body.append(story);
      await scanner.scan([story], signal);
      expect(built()).toBe(1);
      expect(marked, header ? 'with the header' : 'without it').toEqual(header ? ['story'] : []);
    }
  });

  it('matches a long text with cue words only as it comes rather than keep it', async () => {
    // (Kept, it would be matched in one piece once the matcher is built: 17 ms a megabyte.)
    const long = page.doc.createElement('p');
    long.textContent = 'News from Afghanistan. '.repeat(4000);
    page.doc.body.append(long);
    const { scanner, built } = countingBuilds([]);
    await scanner.scanPage(page.doc.body as unknown as Element, new AbortController().signal);
    expect(built()).toBe(1);
  });

  it('passes over a long text without any key word beside a block with cue words', async () => {
    // (Its length once counted against what is kept, and built the matcher for nothing.)
    const div = page.doc.createElement('div');
    div.append('Notes on Afghanistan.', page.doc.createElement('p'), 'A quiet day. '.repeat(6000));
    div.children[0]!.textContent = 'x';
    page.doc.body.append(div);
    const { scanner, built } = countingBuilds([]);
    await scanner.scanPage(page.doc.body as unknown as Element, new AbortController().signal);
    expect(built()).toBe(0);
  });

  it('goes on pre-checking after a block with cue words only, rather than walk the rest', async () => {
    // (The clock runs fast: the scan yields while it reads the header, and the page takes
    // nothing out meanwhile.)
    pageAboutAfghanistan(50);
    const { marked, read } = await scanReading();
    expect(marked).toEqual([]);
    expect(read.filter((text) => text === 'A quiet day.')).toHaveLength(50);
    expect(read).not.toContain('day');
  });

  it('still reads every block when a script moves the block with cue words only while it is read', async () => {
    // (The pre-check went on from where that block had gone, past the paragraphs between.)
    for (const cues of [true, false]) {
      page.doc.body.replaceChildren();
      const doc = page.doc;
      const header = doc.createElement('header');
      header.append(doc.createElement('p'));
      header.firstChild!.textContent = cues ? 'Notes on Afghanistan, filed from Kabul.' : 'Notes, filed late.';
      doc.body.append(header);
      for (let i = 0; i < 20; i++) {
        const p = doc.createElement('p');
        p.id = `p${i}`;
        p.textContent = i === 10 ? 'Flights left Bagram Air Base.' : 'A quiet day.';
        doc.body.append(p);
      }
      let yields = 0;
      (globalThis as Record<string, unknown>).scheduler = {
        yield: async () => {
          // The page moves its header to the end at the first yield (the clock runs fast: it
          // comes as the header has been read).
          if (++yields === 1) doc.body.append(header);
          await new Promise((done) => setTimeout(done, 0));
        },
      };
      const { marked } = await scanReading();
      expect(yields).toBeGreaterThan(0);
      expect(marked, cues ? 'cue words in the header' : 'none').toEqual(['p10']);
    }
  });

  it('reads a large block with text of its own section by section, not node by node', async () => {
    const main = longArticle(10, []);
    main.firstChild!.appendChild(page.doc.createTextNode('Read more'));
    const { marked, read } = await scanReading();
    expect(marked).toEqual([]);
    // Each of its letters once, in eleven looks: its ten sections whole, then its own text.
    expect(read.join('')).toBe(main.textContent);
    expect(read).toHaveLength(11);
  });

  it('finds a name annotated character by character with a ruby reading, which its text holds', async () => {
    // A paragraph's textContent reads "巴bā格gé…": no key word, though the marks leave the
    // reading out.
    fillBody(
      page,
      '<p id="p0">A quiet day.</p>' +
        '<p id="p1"><ruby id="name">巴<rt>bā</rt>格<rt>gé</rt>拉<rt>lā</rt>姆<rt>mǔ</rt></ruby>空军基地。</p>' +
        '<p id="p2">A quiet day.</p><p id="p3">Flights left Bagram.</p>',
    );
    const { marked } = await scanReading();
    expect(marked).toEqual(['name', 'p3']);
  });
});
