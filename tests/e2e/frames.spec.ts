import type { Frame, Page, Worker } from '@playwright/test';
import {
  badgeText,
  cardClosesOnMoveInto,
  countReports,
  expect,
  marks,
  openPopupFor,
  runCommand,
  screenshotPath,
  tabIdOf,
  test,
  textCenter,
  topFrameReport,
} from './fixtures';

test('marks mentions in same-origin, srcdoc and cross-origin frames, and counts them all', async ({
  page,
  server,
  otherServer,
  serviceWorker,
  extensionId,
  browserContext,
}) => {
  await page.goto(server.url(`frames.html?cross=${encodeURIComponent(otherServer.url('frame-child.html'))}`));
  const frameMarks = async (selector: string) => {
    const handle = await page.locator(selector).elementHandle();
    const frame = await handle!.contentFrame();
    return Object.values(await marks(frame!)).flat();
  };
  await expect.poll(() => marks(page)).toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': [] });
  await expect.poll(() => frameMarks('#same')).toEqual(['Bagram Airfield', 'Doha Agreement']);
  await expect.poll(() => frameMarks('#srcdoc')).toEqual(['Fasihuddin Fitrat']);
  await expect.poll(() => frameMarks('#cross')).toEqual(['Bagram Airfield', 'Doha Agreement']);

  // A card opens inside a frame too.
  const frame = page.frameLocator('#cross');
  const box = (await page.locator('#cross').boundingBox())!;
  const crossFrame = (await (await page.locator('#cross').elementHandle())!.contentFrame())!;
  const inFrame = await textCenter(crossFrame, 'body', 'Doha Agreement');
  await page.mouse.move(box.x + inFrame.x, box.y + inFrame.y);
  await expect(frame.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();

  const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
  await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('3');
  await expect(popup.locator('[data-topic="doha-2020"] .count')).toHaveText('2');
  await expect(popup.locator('[data-topic="fitrat"] .count')).toHaveText('1');
});

test('the keyboard’s next mention goes through the top page, then each frame, and round again', async ({
  page,
  server,
  otherServer,
  serviceWorker,
}) => {
  await openAllFrames(page, server, otherServer, serviceWorker);
  const frames = { top: page.mainFrame() } as Record<string, Frame>;
  for (const id of ['same', 'srcdoc', 'cross']) {
    frames[id] = (await (await page.locator(`#${id}`).elementHandle())!.contentFrame())!;
  }
  const cardIn = async () => {
    const open: string[] = [];
    for (const [id, frame] of Object.entries(frames)) {
      const title = await frame.evaluate(
        () =>
          document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"] h2')?.textContent ??
          null,
      );
      if (title) open.push(`${id}: ${title}`);
    }
    return open.join(' | ');
  };
  const seen: string[] = [];
  for (let i = 0; i < 7; i++) {
    const before = await cardIn();
    await runCommand(serviceWorker, 'next-mention');
    await expect
      .poll(async () => {
        const now = await cardIn();
        return now !== '' && now !== before;
      })
      .toBe(true);
    seen.push(await cardIn());
  }
  // One card at a time; all four frames visited; the seventh press is back at the top.
  expect(
    seen.every((s) => !s.includes('|')),
    seen.join('\n'),
  ).toBe(true);
  expect(new Set(seen.map((s) => s.split(':')[0])), seen.join('\n')).toEqual(
    new Set(['top', 'same', 'srcdoc', 'cross']),
  );
  expect(seen[0]).toBe('top: Bagram Air Base');
  expect(seen[6]).toBe('top: Bagram Air Base');
});

test('a frame with nothing to mark starts nothing until a mention comes (ads, widgets)', async ({
  page,
  server,
  serviceWorker,
}) => {
  const { documents: reporting } = await countReports(serviceWorker);
  await page.goto(server.url('plain.html'));
  await page.evaluate(() => {
    const frame = (id: string, srcdoc?: string) => {
      const f = document.createElement('iframe');
      f.id = id;
      if (srcdoc !== undefined) f.srcdoc = srcdoc;
      document.body.append(f);
      return f;
    };
    // An ad: a line of text, and a script whose source holds a key word and 30,000 characters
    // (scripts are not text to mark).
    frame('ad', `<p>Advertisement: shoes, half price.</p><script>var slot = "${'Bagram '.repeat(5000)}";</script>`);
    frame('news', '<p>Flights left Bagram Air Base.</p>');
    frame(
      'component',
      '<news-card></news-card><script>document.querySelector("news-card").attachShadow({ mode: "open" })' +
        '.append(Object.assign(document.createElement("p"), { textContent: "Fasihuddin Fitrat spoke." }));</script>',
    );
    // A component that comes after the frame has loaded, and text put outside its <body>.
    frame(
      'later',
      '<p>Widget.</p><script>setTimeout(() => { const c = document.createElement("news-card");' +
        'c.attachShadow({ mode: "open" }).append(Object.assign(document.createElement("p"), ' +
        '{ textContent: "Fasihuddin Fitrat spoke." })); document.body.append(c); }, 300);</script>',
    );
    frame(
      'outside',
      '<p>Widget.</p><script>setTimeout(() => document.documentElement.append(' +
        'Object.assign(document.createElement("p"), { textContent: "Flights left Bagram Air Base." })), 300);</script>',
    );
    // Written by the page into an about:blank frame, as ad scripts do.
    const written = frame('written').contentDocument!;
    written.open();
    written.write('<p>The Doha Agreement of 2020 with the Taliban, in Afghanistan.</p>');
    written.close();
  });
  const inFrame = async (id: string) => (await (await page.locator(`#${id}`).elementHandle())!.contentFrame())!;
  const marked = async (id: string) => Object.values(await marks(await inFrame(id))).flat();
  const names = async (id: string) => (await inFrame(id)).evaluate(() => [...CSS.highlights.keys()]);
  await expect.poll(() => marked('news')).toEqual(['Bagram Air Base']);
  await expect.poll(() => marked('component')).toEqual(['Fasihuddin Fitrat']);
  await expect.poll(() => marked('written')).toEqual(['Doha Agreement']);
  await expect.poll(() => marked('later')).toEqual(['Fasihuddin Fitrat']);
  await expect.poll(() => marked('outside')).toEqual(['Bagram Air Base']);
  await page.waitForTimeout(500);
  // The ad frame has no highlight registered and told the background nothing, nor did the
  // page (on, with nothing found: nothing to say); the five frames with mentions did.
  expect(await names('ad')).toEqual([]);
  expect(await reporting()).toBe(5);

  // Text with a mention comes into the ad frame later: it starts, marks it and reports.
  await (
    await inFrame('ad')
  ).evaluate(() => {
    const p = document.createElement('p');
    p.textContent = 'Sponsored: a history of Bagram.';
    document.body.append(p);
  });
  await expect.poll(() => marked('ad')).toEqual(['Bagram']);
  await expect.poll(reporting).toBe(6);
});

test('a frame that navigates (an ad rotating) leaves no stale count, and the tab keeps its site', async ({
  page,
  server,
  serviceWorker,
}) => {
  await page.goto(server.url('plain.html'));
  const tabId = await tabIdOf(page, serviceWorker);
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.id = 'slot';
    f.src = '/frame-child.html';
    document.body.append(f);
  });
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('2');
  // The frame goes to a page without mentions, which waits and reports nothing itself.
  await page.evaluate(() => {
    (document.getElementById('slot') as HTMLIFrameElement).src = '/plain.html?rotated';
  });
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
  // Chromium says the tab is loading when one of its frames navigates, which is no new page:
  // the toggle-site command still switches the site (the page tells it, and reports the switch).
  await runCommand(serviceWorker, 'toggle-site');
  await expect.poll(() => topFrameReport(serviceWorker, tabId)).toEqual({ site: '127.0.0.1', enabled: false });
  await runCommand(serviceWorker, 'toggle-site');
  await expect.poll(() => topFrameReport(serviceWorker, tabId)).toEqual({ site: '127.0.0.1', enabled: true });

  // A frame with mentions taken out of the page (no navigation, no "loading"): its count goes.
  await page.evaluate(() => {
    (document.getElementById('slot') as HTMLIFrameElement).src = '/frame-child.html?again';
  });
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('2');
  await page.evaluate(() => document.getElementById('slot')!.remove());
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('');
});

test('after a page with mentions, a page that finds nothing shows none of its counts; a frame’s count alone', async ({
  page,
  server,
  serviceWorker,
  extensionId,
  browserContext,
}) => {
  const addFrame = () =>
    page.evaluate(() => {
      const f = document.createElement('iframe');
      f.src = '/frame-child.html';
      document.body.append(f);
    });
  await page.goto(server.url('news.html'));
  const tabId = await tabIdOf(page, serviceWorker);
  await addFrame();
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('10');
  // The next page is on, finds nothing and says nothing: the previous page's frame saying
  // goodbye must not bring the previous page's count back.
  await page.goto(server.url('plain.html'));
  await page.waitForTimeout(800);
  expect(await badgeText(serviceWorker, tabId)).toBe('');
  // A frame of this page with mentions counts alone, not on top of the previous page's 8.
  await addFrame();
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('2');
  // (Past a second: a report that followed would be spaced that far.)
  await page.waitForTimeout(1200);
  expect(await badgeText(serviceWorker, tabId)).toBe('2');

  // The popup lists the frame's mentions, and "Show" opens the card in that frame.
  const popup = await openPopupFor(page, { serviceWorker, browserContext, extensionId });
  await expect(popup.locator('[data-topic="bagram"] .count')).toHaveText('1');
  await popup.locator('[data-topic="bagram"] button').click();
  await expect(page.frameLocator('iframe').getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();
});

test('Escape on a card the keyboard opened in a frame gives the focus back to where it was in the top page', async ({
  page,
  server,
  otherServer,
  serviceWorker,
}) => {
  await openAllFrames(page, server, otherServer, serviceWorker);
  await focusAtTop(page, 'button', { id: 'top', textContent: 'Share' });
  const cardFrame = () => framesCard(page, otherServer.url(''));
  const escaped = new Set<string>();
  for (let i = 0; i < 12 && escaped.size < 3; i++) {
    await runCommand(serviceWorker, 'next-mention');
    await expect.poll(cardFrame).not.toBeNull();
    const where = (await cardFrame())!;
    if (where === 'top') continue;
    // The focus is in the frame's card: Escape closes it and the focus is back on Share.
    await page.keyboard.press('Escape');
    await expect.poll(cardFrame, where).toBeNull();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), where).toBe('top');
    escaped.add(where);
  }
  expect([...escaped].sort()).toEqual(['cross', 'same', 'srcdoc']);
});

test('the focus a frame’s keyboard card gives back: after two cards in the frame, and not after a click into it', async ({
  page,
  server,
  serviceWorker,
}) => {
  await page.goto(server.url('frames.html'));
  const tabId = await tabIdOf(page, serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('4');
  await focusAtTop(page, 'button', { id: 'top', textContent: 'Share' });
  const same = page.frames().find((f) => f.url().endsWith('frame-child.html'))!;
  await same.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { id: 'q' })));
  const cardTitle = () => cardTitleIn(same);
  const next = async () => {
    const before = await cardTitle();
    await runCommand(serviceWorker, 'next-mention');
    await expect.poll(async () => (await cardTitle()) !== before || (await cardTitle()) === null).toBe(true);
  };
  // The frame holds two mentions: both cards in a row, then Escape: back on Share.
  for (let i = 0; i < 8 && (await cardTitle()) === null; i++) await next();
  const first = await cardTitle();
  await next();
  const second = await cardTitle();
  expect([first, second].every((t) => t !== null) && first !== second, `${first} / ${second}`).toBe(true);
  await page.keyboard.press('Escape');
  await expect.poll(cardTitle).toBeNull();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('top');

  // A click into the frame while its card has the focus: the focus stays where the click put it.
  for (let i = 0; i < 8 && (await cardTitle()) === null; i++) await next();
  expect(await cardTitle()).not.toBeNull();
  await page.frameLocator('#same').locator('#q').click();
  await page.keyboard.type('abc');
  await page.waitForTimeout(500);
  expect(await same.evaluate(() => (document.hasFocus() ? document.activeElement?.id : 'no focus'))).toBe('q');
  expect(await same.evaluate(() => (document.getElementById('q') as HTMLInputElement).value)).toBe('abc');
});

test('from one frame’s keyboard card to the next frame’s: the focus goes with the path, and Escape gives it back to the top page', async ({
  page,
  server,
  otherServer,
  serviceWorker,
}) => {
  await openAllFrames(page, server, otherServer, serviceWorker);
  await focusAtTop(page, 'input', { id: 'q', value: 'draft' });
  const cardFrame = () => framesCard(page, otherServer.url(''), true);
  // A round of the path and on, each card with the focus (cross-origin frames too), until two
  // cards in a row stand in two different frames.
  let previous: string | null = null;
  let pair: string | null = null;
  const seen = new Set<string>();
  for (let i = 0; i < 14 && !(pair && seen.size === 4); i++) {
    await runCommand(serviceWorker, 'next-mention');
    await expect.poll(cardFrame).not.toBeNull();
    // (Long enough for a late focus-back from the card that closed to land.)
    await page.waitForTimeout(300);
    const where = (await cardFrame())!;
    expect(where, `step ${i}`).not.toBe('open');
    seen.add(where);
    pair = previous && previous !== 'top' && where !== 'top' && where !== previous ? `${previous} → ${where}` : null;
    previous = where;
  }
  expect(pair).not.toBeNull();
  await page.keyboard.press('Escape');
  await expect.poll(cardFrame, pair!).toBeNull();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id), pair!).toBe('q');
  await page.keyboard.type('!');
  expect(await page.evaluate(() => (document.getElementById('q') as HTMLInputElement).value)).toBe('draft!');
});

test('round again into the only frame with mentions: Escape still gives the focus back to the top page', async ({
  page,
  server,
  serviceWorker,
}) => {
  await page.goto(server.url('one-frame.html'));
  const tabId = await tabIdOf(page, serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('2');
  await page.focus('#q');
  const frame = page.frames().find((f) => f.url().endsWith('frame-child.html'))!;
  const cardTitle = () => cardTitleIn(frame);
  // Its two cards, then past its last (the top page has none) to its first again.
  const titles: (string | null)[] = [];
  for (let i = 0; i < 3; i++) {
    const before = await cardTitle();
    await runCommand(serviceWorker, 'next-mention');
    await expect.poll(cardTitle).not.toBe(before);
    titles.push(await cardTitle());
  }
  expect(titles[2]).toBe(titles[0]);
  expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('CONTEXT-OVERLAY');
  await page.keyboard.press('Escape');
  await expect.poll(cardTitle).toBeNull();
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q');
});

test('in a frame too short for a whole card (an embed, 120 px), the card stands inside the frame, beside its mention', async ({
  page,
  server,
}) => {
  await page.goto(server.url('frames.html'));
  const frameBox = (await page.locator('#same').boundingBox())!;
  const frame = (await (await page.locator('#same').elementHandle())!.contentFrame())!;
  await expect.poll(async () => Object.values(await marks(frame)).flat().length).toBe(2);
  const at = await textCenter(frame, 'body', 'Doha Agreement');
  await page.mouse.move(frameBox.x + at.x, frameBox.y + at.y);
  await expect(page.frameLocator('#same').getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();
  // Once placed (the card is drawn, then sized to the room it has).
  await page.waitForTimeout(300);
  const placed = await frame.evaluate(() => {
    const card = document.querySelector('context-overlay')!.shadowRoot!.querySelector('[role="dialog"]')!;
    const box = card.getBoundingClientRect();
    const text = document.querySelector('p')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf('Doha'));
    range.setEnd(text, text.data.indexOf('Doha') + 'Doha Agreement'.length);
    const mention = range.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, mentionBottom: mention.bottom, frameHeight: innerHeight };
  });
  await page.screenshot({
    path: screenshotPath('card-in-short-frame.png'),
    clip: { x: 0, y: 0, width: 800, height: frameBox.y + frameBox.height + 20 },
    animations: 'disabled',
  });
  // Wholly inside the frame (it cut off the card's lower half before), under the mention's line,
  // and tall enough for its title and a line.
  expect(placed.bottom).toBeLessThanOrEqual(placed.frameHeight);
  expect(placed.top).toBeGreaterThanOrEqual(placed.mentionBottom);
  expect(placed.bottom - placed.top).toBeGreaterThanOrEqual(60);
});

/** A control put first in the top page, with the focus: where the reader was before a
 *  keyboard card took it. */
async function focusAtTop(page: Page, tag: 'button' | 'input', props: Record<string, string>): Promise<void> {
  await page.evaluate(
    ([tag, props]) => {
      const control = Object.assign(document.createElement(tag), props);
      document.body.prepend(control);
      control.focus();
    },
    [tag, props] as const,
  );
}

/** The title of the card shown in `frame`, or null when none is. */
function cardTitleIn(frame: Frame): Promise<string | null> {
  return frame.evaluate(
    () =>
      document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"] h2')?.textContent ?? null,
  );
}

/** On frames.html, which frame shows a card: `top`, `same`, `srcdoc` or `cross` (the frame
 *  from `crossOrigin`); null for none. With `focused`, `open` for a card without the focus. */
async function framesCard(page: Page, crossOrigin: string, focused = false): Promise<string | null> {
  for (const frame of page.frames()) {
    const state = await frame.evaluate(() => {
      if (!document.querySelector('context-overlay')?.shadowRoot?.querySelector('[role="dialog"]')) return null;
      return document.hasFocus() && document.activeElement?.tagName === 'CONTEXT-OVERLAY' ? 'focused' : 'open';
    });
    if (state === null) continue;
    if (focused && state === 'open') return 'open';
    if (frame === page.mainFrame()) return 'top';
    return frame.url() === 'about:srcdoc' ? 'srcdoc' : frame.url().startsWith(crossOrigin) ? 'cross' : 'same';
  }
  return null;
}

/** frames.html with its cross-origin frame from `otherServer`, once every frame has reported
 *  its mentions (1 + 2 + 1 + 2); the tab's id. */
async function openAllFrames(
  page: Page,
  server: { url(path: string): string },
  otherServer: { url(path: string): string },
  serviceWorker: Worker,
): Promise<number> {
  await page.goto(server.url(`frames.html?cross=${encodeURIComponent(otherServer.url('frame-child.html'))}`));
  const tabId = await tabIdOf(page, serviceWorker);
  await expect.poll(() => badgeText(serviceWorker, tabId)).toBe('6');
  return tabId;
}

test('a fenced frame (an ad): the text inside its element is not marked, and the pointer going into it closes the card', async ({
  page,
  server,
}) => {
  const url = server.url('fenced.html');
  // A <fencedframe> shows an ad that its page cannot see into; its children are never shown.
  const body = `<!doctype html><html lang="en"><body style="margin: 0; font: 20px/1.5 sans-serif">
    <p id="para" style="margin: 40px 0 0 20px">Fasihuddin Fitrat spoke.</p>
    <fencedframe id="ad" style="position: absolute; left: 300px; top: 20px; width: 400px; height: 300px; border: 0">
      Bagram Air Base
    </fencedframe>
  </body></html>`;
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(url);
  expect(await page.evaluate(() => document.getElementById('ad')!.constructor.name)).toBe('HTMLFencedFrameElement');
  await expect.poll(() => marks(page)).toMatchObject({ fitrat: ['Fasihuddin Fitrat'], bagram: [] });
  // Straight into the fenced frame, above the card. (This one shows nothing, so the page still
  // sees the pointer's moves over it; one that shows an ad needs an ad auction to load here.)
  await cardClosesOnMoveInto(
    page,
    { selector: '#para', word: 'Fitrat', title: 'Fasihuddin Fitrat' },
    { x: 600, y: 30 },
  );
});

test('Escape closes a card in a frame while the keyboard is in the top page, and one in the top page while it is in a frame', async ({
  page,
  server,
  otherServer,
  serviceWorker,
}) => {
  await openAllFrames(page, server, otherServer, serviceWorker);
  // The page's own Escape listener (a dialog of its own would close on it).
  const pageEscapes = await countPageEscapes(page);
  const cross = otherServer.url('');
  for (const id of ['#cross', '#same']) {
    await pointInFrameAt(page, id, 'Doha Agreement');
    await expect.poll(() => framesCard(page, cross)).toBe(id.slice(1));
    expect(await page.evaluate(() => document.hasFocus() && document.activeElement === document.body)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => framesCard(page, cross)).toBeNull();
    // The card was the topmost layer: the page did not hear that Escape.
    expect(await pageEscapes()).toBe(0);
    await page.mouse.move(5, 5);
  }
  // The keyboard in a frame (a click into an embed), a card in the top page.
  const box = (await page.locator('#srcdoc').boundingBox())!;
  await page.mouse.click(box.x + box.width - 10, box.y + box.height - 10);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('srcdoc');
  const at = await textCenter(page, 'p', 'Bagram Air Base');
  await page.mouse.move(at.x, at.y);
  await expect.poll(() => framesCard(page, cross)).toBe('top');
  await page.keyboard.press('Escape');
  await expect.poll(() => framesCard(page, cross)).toBeNull();
  // With no card anywhere, Escape is the page's again.
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Escape');
  await expect.poll(pageEscapes).toBe(1);
});

test('a frame taken out of the page with its card open leaves the page its Escape', async ({
  page,
  server,
  otherServer,
  serviceWorker,
}) => {
  await openAllFrames(page, server, otherServer, serviceWorker);
  const pageEscapes = await countPageEscapes(page);
  await pointInFrameAt(page, '#same', 'Doha Agreement');
  await expect.poll(() => framesCard(page, otherServer.url(''))).toBe('same');
  // The page takes the frame out (an embed closed) while its card shows.
  await page.evaluate(() => document.getElementById('same')!.remove());
  await page.mouse.move(5, 5);
  // The other frames hear that it went (by the background, a message or two): the very next
  // Escape is the page's, not one passed on to a card that is gone.
  await page.waitForTimeout(1000);
  await page.keyboard.press('Escape');
  expect(await pageEscapes()).toBe(1);
});

/** Starts counting the Escapes the top page's own listener hears; the returned function reads
 *  how many came. */
async function countPageEscapes(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const scope = window as unknown as { pageEscapes: number };
    scope.pageEscapes = 0;
    addEventListener('keydown', (e) => e.key === 'Escape' && scope.pageEscapes++);
  });
  return () => page.evaluate(() => (window as unknown as { pageEscapes: number }).pageEscapes);
}

/** Moves the pointer onto `word` in the body of the frame the element `selector` holds. */
async function pointInFrameAt(page: Page, selector: string, word: string): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const frame = (await (await page.locator(selector).elementHandle())!.contentFrame())!;
  const at = await textCenter(frame, 'body', word);
  await page.mouse.move(box.x + at.x, box.y + at.y);
}
