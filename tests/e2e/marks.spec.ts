import {
  expect,
  highlightNames,
  marks,
  pageMutations,
  recordPageMutations,
  tabIdOf,
  test,
  topFrameReport,
  waitForMarkCount,
} from './fixtures';

test.describe('marks on a news page', () => {
  test('marks every mention with one highlight per topic, longest alias first', async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    expect(await marks(page)).toEqual({
      bagram: ['Bagram', 'Bagram Air Base', 'Bagram', 'Bagram Airfield'],
      fitrat: ['Fasihuddin Fitrat', 'Fitrat'],
      'doha-2020': ['2020 agreement', 'Doha Agreement'],
    });
  });

  test('a mention split across inline elements is one mark; blocks never join', async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const found = await marks(page);
    expect(found.bagram).toContain('Bagram Air Base'); // <a>Bagram</a> Air Base
    expect(found.fitrat).toContain('Fasihuddin Fitrat'); // <b>Fasihuddin</b> Fitrat
    // <p>Bagram</p><p>Air Base</p>: "Bagram" alone, never "Bagram Air Base" across the blocks.
    const inSplitBlocks = await page.evaluate(() => {
      const out: string[] = [];
      for (const r of CSS.highlights.get('context-overlay-bagram') ?? []) {
        const el = r.startContainer.parentElement;
        if (el?.id.startsWith('split-blocks')) out.push(`${el.id}:${r.endContainer.parentElement?.id}`);
      }
      return out;
    });
    expect(inSplitBlocks).toEqual(['split-blocks-a:split-blocks-a']);
  });

  test('a footnote number after a name and a ruby’s reading are not part of its words', async ({ page, server }) => {
    await page.goto(server.url('footnotes.html'));
    await waitForMarkCount(page, 5);
    expect(await marks(page)).toEqual({
      // One range over the ruby and the words after it (its text, read whole, holds the
      // reading); over a name read character by character, from its first character to its last.
      bagram: ['Bagram', 'Bagram(バグラム) Air Base', '巴(bā)格(gé)拉(lā)姆'],
      fitrat: ['Fasihuddin Fitrat'],
      'doha-2020': ['Doha agreement'],
    });
  });

  test('never marks form fields, editable regions or scripts, and typing there is untouched', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const inUserText = await page.evaluate(() => {
      const owners = new Set<string>();
      for (const [, highlight] of CSS.highlights) {
        for (const r of highlight) {
          const el = r.startContainer.parentElement;
          if (el?.closest('textarea, input, [contenteditable], script, style, head')) owners.add(el.tagName);
        }
      }
      return [...owners];
    });
    expect(inUserText).toEqual([]);

    await page.click('#editor');
    await page.keyboard.press('End');
    await page.keyboard.type(' The Doha Agreement and Bagram Air Base.');
    await page.fill('#comment', 'Bagram Air Base, said Fasihuddin Fitrat');
    await page.waitForTimeout(300);
    await expect(page.locator('#editor')).toHaveText(
      'Draft: Qari Fasihuddin Fitrat spoke about Bagram. The Doha Agreement and Bagram Air Base.',
    );
    await expect(page.locator('#comment')).toHaveValue('Bagram Air Base, said Fasihuddin Fitrat');
    await waitForMarkCount(page, 8);
  });

  test('text the page makes editable later loses its marks, and gets them back when it is no longer', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const inLede = () =>
      page.evaluate(() => {
        const lede = document.getElementById('lede')!;
        let n = 0;
        for (const [, highlight] of CSS.highlights) for (const r of highlight) n += +lede.contains(r.startContainer);
        return n;
      });
    const before = await inLede();
    expect(before).toBeGreaterThan(0);
    await page.evaluate(() => document.getElementById('lede')!.setAttribute('contenteditable', 'true'));
    await expect.poll(inLede).toBe(0);
    await waitForMarkCount(page, 8 - before);
    await page.evaluate(() => document.getElementById('lede')!.removeAttribute('contenteditable'));
    await expect.poll(inLede).toBe(before);
    // An inline piece made editable holding half of a mention ("Bagram" + an editable " Air
    // Base"): the mention goes, the part outside it is marked alone, and all comes back after.
    const bagrams = async () => (await marks(page)).bagram ?? [];
    const all = await bagrams();
    await page.evaluate(() => {
      const link = document.querySelector('#lede a')!;
      const span = document.createElement('span');
      span.id = 'ab';
      link.after(span);
      span.append(span.nextSibling!);
    });
    await expect.poll(bagrams).toEqual(all);
    await page.evaluate(() => document.getElementById('ab')!.setAttribute('contenteditable', 'true'));
    await expect
      .poll(async () => (await bagrams()).filter((m) => m === 'Bagram Air Base').length)
      .toBe(all.filter((m) => m === 'Bagram Air Base').length - 1);
    await page.evaluate(() => document.getElementById('ab')!.removeAttribute('contenteditable'));
    await expect.poll(bagrams).toEqual(all);
  });

  test('leaves the page DOM alone: no mutation but the <context-overlay> host', async ({ page, server }) => {
    await recordPageMutations(page);
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const lede = page.locator('#lede');
    const box = await lede.boundingBox();
    // Open a card so the host element is inserted too.
    await page.mouse.move(box!.x + 5, box!.y + 5);
    const link = page.locator('#lede a');
    await link.hover();
    await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
    // Typing in the page's own editor is the page's mutation, not ours: none happens here.
    expect(await pageMutations(page)).toEqual(['childList html +[context-overlay] -[]']);
  });

  test('ambiguous aliases stay unmarked on pages that are not about Afghanistan', async ({ page, server }) => {
    await page.goto(server.url('trade.html'));
    // The extension is running on the page (its names are registered), then has had time.
    await expect.poll(() => highlightNames(page)).toHaveLength(3);
    await page.waitForTimeout(500);
    expect(await marks(page)).toEqual({ bagram: [], fitrat: [], 'doha-2020': [] });
  });

  test('each topic’s underline stands out at 3:1 or more on a light page and a dark one', async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const colours = await page.evaluate(() =>
      ['bagram', 'fitrat', 'doha-2020'].map(
        (topic) => getComputedStyle(document.body, `::highlight(context-overlay-${topic})`).textDecorationColor,
      ),
    );
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    for (const colour of colours) {
      const rgb = colour.match(/[\d.]+/g)!.map(Number);
      expect(rgb.length === 3 || rgb[3] === 1, colour).toBe(true); // opaque: no page behind it dims it
      expect(contrast(rgb.slice(0, 3), [255, 255, 255]), colour).toBeGreaterThanOrEqual(3);
      expect(contrast(rgb.slice(0, 3), [17, 17, 17]), colour).toBeGreaterThanOrEqual(3);
    }
  });

  test('marks are for the screen: a printed page shows none', async ({ page, server }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const markStyle = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('#lede')!, '::highlight(context-overlay-bagram)');
        return { background: style.backgroundColor, line: style.textDecorationLine };
      });
    expect(await markStyle()).toEqual({ background: 'rgba(245, 158, 11, 0.2)', line: 'underline' });
    await page.emulateMedia({ media: 'print' });
    expect(await markStyle()).toEqual({ background: 'rgba(0, 0, 0, 0)', line: 'none' });
  });

  test('a page with nothing to find registers the highlight names but marks nothing', async ({ page, server }) => {
    await page.goto(server.url('plain.html'));
    await expect.poll(() => highlightNames(page)).toHaveLength(3);
    await waitForMarkCount(page, 0);
  });
});

test.describe('pages that change', () => {
  test('marks added text, drops marks whose text changed or left', async ({ page, server }) => {
    await page.goto(server.url('dynamic.html'));
    await waitForMarkCount(page, 0);
    await page.evaluate(() => {
      for (let i = 0; i < 3; i++) {
        const p = document.createElement('p');
        p.id = `added-${i}`;
        p.textContent = `Update ${i}: Fasihuddin Fitrat spoke about Bagram Air Base.`;
        document.getElementById('feed')!.append(p);
      }
    });
    await waitForMarkCount(page, 6);
    // The page rewrites one paragraph's text: its marks go, the new text is scanned.
    await page.evaluate(() => {
      document.getElementById('added-0')!.firstChild!.nodeValue = 'Update 0: nothing to see.';
    });
    await waitForMarkCount(page, 4);
    // The page removes a paragraph: its marks go.
    await page.evaluate(() => document.getElementById('added-1')!.remove());
    await waitForMarkCount(page, 2);
    // Inline text appended next to a mention's word joins it: "Bagram" + " Airfield".
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'joined';
      p.append('Flights from Bagram');
      document.getElementById('feed')!.append(p);
    });
    await waitForMarkCount(page, 3);
    await page.evaluate(() => document.getElementById('joined')!.append(' Airfield resumed.'));
    await expect.poll(async () => (await marks(page)).bagram).toEqual(['Bagram Air Base', 'Bagram Airfield']);
  });

  test('a feed of links around cards: each new card marked, and a name that runs across a link’s edge found', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('dynamic.html'));
    await waitForMarkCount(page, 0);
    const appendCards = (from: number) =>
      page.evaluate((from) => {
        const feed = document.getElementById('feed')!;
        for (let i = from; i < from + 3; i++) {
          const link = document.createElement('a');
          link.href = `#story-${i}`;
          const card = document.createElement('article');
          const title = document.createElement('h3');
          title.textContent = `Story ${i}: Bagram Air Base`;
          const lede = document.createElement('p');
          lede.textContent = 'Fasihuddin Fitrat spoke.';
          card.append(title, lede);
          link.append('\n', card, '\n');
          feed.append(link, '\n');
        }
      }, from);
    await appendCards(0);
    await waitForMarkCount(page, 6);
    await appendCards(3);
    await waitForMarkCount(page, 12);
    await page.evaluate(() => {
      const feed = document.getElementById('feed')!;
      feed.append('Flights from Bagram');
      const link = document.createElement('a');
      link.append(' Airfield resumed', document.createElement('div'));
      feed.append(link);
    });
    await expect.poll(async () => (await marks(page)).bagram).toContain('Bagram Airfield');
    expect((await marks(page)).fitrat).toHaveLength(6);
  });

  test('blocks put between two pieces of a name, in one call or in two, part it', async ({ page, server }) => {
    await page.goto(server.url('dynamic.html'));
    await waitForMarkCount(page, 0);
    await page.evaluate(() => {
      const feed = document.getElementById('feed')!;
      for (const id of ['one', 'two']) {
        const tail = document.createElement('span');
        tail.textContent = ' Airfield resumed.';
        const p = document.createElement('p');
        p.id = id;
        p.append('Flights from Bagram', tail);
        feed.append(p);
      }
    });
    await expect.poll(async () => (await marks(page)).bagram?.sort()).toEqual(['Bagram Airfield', 'Bagram Airfield']);
    await page.evaluate(() => {
      const one = document.getElementById('one')!;
      const two = document.getElementById('two')!;
      const block = () => document.createElement('div');
      one.firstChild!.after(block(), block());
      const first = block();
      two.firstChild!.after(first);
      first.after(block());
    });
    // Each block stands beside a block; the two of them still end the words before them.
    await expect.poll(async () => (await marks(page)).bagram?.sort()).toEqual(['Bagram', 'Bagram']);
  });

  test('a page that clears the highlight registry (its own find box) gets its marks back, its own left alone', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const before = await marks(page);
    await page.evaluate(() => {
      CSS.highlights.clear();
      const range = new StaticRange({
        startContainer: document.body,
        startOffset: 0,
        endContainer: document.body,
        endOffset: 1,
      });
      CSS.highlights.set('page-search', new Highlight(range));
    });
    expect(await highlightNames(page)).toEqual([]);
    await expect.poll(() => marks(page), { timeout: 3000 }).toEqual(before);
    expect(await page.evaluate(() => CSS.highlights.has('page-search'))).toBe(true);
  });

  test('the extension reloaded (an update, a developer) takes its marks from open pages within a second or two, the page untouched', async ({
    page,
    server,
    serviceWorker,
  }) => {
    await recordPageMutations(page);
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    // Chrome tells the old content script nothing: it finds its runtime gone at its next look
    // (entrypoints/content.ts), and the new version is not put into open tabs. Once the page is
    // quiet: a report still to send would find it gone too.
    const tabId = await tabIdOf(page, serviceWorker);
    await expect.poll(() => topFrameReport(serviceWorker, tabId)).not.toBeNull();
    await page.waitForTimeout(300);
    await serviceWorker.evaluate(() => chrome.runtime.reload()).catch(() => {});
    await expect.poll(() => highlightNames(page), { timeout: 5000 }).toEqual([]);
    expect(await pageMutations(page)).toEqual([]);
  });

  test('a conditional alias counts once the page shows what it is about', async ({ page, server }) => {
    await page.goto(server.url('plain.html'));
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'The Doha Agreement was signed.';
      document.body.append(p);
    });
    await page.waitForTimeout(300);
    await waitForMarkCount(page, 0);
    // "Doha Agreement" needs an Afghanistan or Taliban word anywhere on the page (2008 had a
    // Doha Agreement on Lebanon). A bare "Fitrat" now needs more than a page-wide cue (a role
    // word in its own block, or his full name), so it no longer serves for this test.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'The Taliban government agreed.';
      document.body.append(p);
    });
    await expect.poll(async () => (await marks(page))['doha-2020']).toEqual(['Doha Agreement']);
  });

  test('a namesake in a sidebar leaves the article’s bare surname marked; one in the article takes it back', async ({
    page,
    server,
  }) => {
    await page.goto(server.url('news.html'));
    await waitForMarkCount(page, 8);
    const fitrats = async () => (await marks(page)).fitrat ?? [];
    const before = await fitrats();
    expect(before).toContain('Fitrat');
    await page.evaluate(() => {
      // (Its list drawn by a component, in an open shadow root.)
      const aside = document.createElement('aside');
      const list = document.createElement('div');
      const item = document.createElement('p');
      item.textContent = 'Abdul Qadir Fitrat opens a bakery in Kabul';
      list.attachShadow({ mode: 'open' }).append(item);
      aside.append(Object.assign(document.createElement('h2'), { textContent: 'Most read' }), list);
      document.body.append(aside);
    });
    await page.waitForTimeout(500);
    expect(await fitrats()).toEqual(before);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Abdul Qadir Fitrat, a former central bank governor, disagreed.';
      document.querySelector('article, main, body')!.append(p);
    });
    await expect.poll(fitrats).toEqual(before.filter((text) => text !== 'Fitrat'));
  });
});
