import type { Page } from '@playwright/test';
import { marks, requestLog, textCenter } from '../fixtures';
import { expect, expectUntouched, plainRun, servePreact, test, watchPage } from './hostile';

test('a hydrated Preact app re-rendering every few ms: no hydration warning, marks follow the text', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/hydrate.html');
  const watch = await watchPage(page);
  await servePreact(page);
  await page.goto(url);
  // While it re-renders, every mark that is not stale covers a whole mention.
  const seen = new Set<string>();
  const done = () => page.evaluate(() => (window as unknown as { hostileDone?: boolean }).hostileDone === true);
  while (!(await done())) {
    for (const text of Object.values(await marks(page)).flat()) seen.add(text);
  }
  seen.delete('(stale range)');
  expect([...seen].sort()).toEqual(['Bagram Air Base', 'Doha Agreement', 'Fasihuddin Fitrat']);
  // After the last render the marks are exactly the mentions of the current text.
  await expect
    .poll(async () => Object.fromEntries(Object.entries(await marks(page)).map(([t, l]) => [t, l.sort()])))
    .toEqual({
      bagram: ['Bagram Air Base', 'Bagram Air Base'],
      fitrat: ['Fasihuddin Fitrat'],
      'doha-2020': ['Doha Agreement'],
    });

  const plain = await plainRun(
    plainBrowser,
    url,
    async (p) => {
      await p.waitForFunction(() => (window as unknown as { hostileDone?: boolean }).hostileDone === true);
    },
    servePreact,
  );
  const figures = await expectUntouched(page, watch, plain, requestLog(browserContext), 'hydrated Preact app');
  expect(figures.pageMutations).toBeGreaterThan(250); // it did re-render under us
});

/** Types into the page's editor and fields, with IME composition, and reports the text and
 *  caret of each. Run the same way with and without the extension. */
async function typeEverywhere(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const compose = async (steps: string[], commit: string) => {
    for (const text of steps) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await cdp.send('Input.insertText', { text: commit });
  };
  const caret = () =>
    page.evaluate(() => {
      const s = getSelection()!;
      return `${s.anchorNode?.parentElement?.id}|${JSON.stringify(s.anchorNode?.nodeValue)}|${s.anchorOffset}`;
    });
  const out: Record<string, string> = {};

  // Rich editor: caret after "Draft: ", type, then compose a Japanese word and a Latin one.
  await page.focus('#editor');
  await page.evaluate(() => {
    const text = document.getElementById('line1')!.firstChild!;
    getSelection()!.setBaseAndExtent(text, 7, text, 7);
  });
  await page.keyboard.type('Qari ');
  await compose(['ば', 'ばぐ', 'バグラム'], 'バグラム');
  await page.keyboard.type(' ');
  await compose(['B', 'Ba', 'Bag', 'Bagr', 'Bagra', 'Bagram'], 'Bagram');
  out.editorCaret = await caret();
  await page.keyboard.press('End');
  await page.keyboard.type(' Doha Agreement');
  out.editorEndCaret = await caret();
  out.editor = await page.evaluate(() => document.getElementById('editor')!.textContent!);

  await page.focus('#plain-editor');
  await page.keyboard.press('End');
  await compose([' F', ' Fi', ' Fitrat'], ' Fitrat');
  out.plainEditor = await page.evaluate(() => document.getElementById('plain-editor')!.textContent!);
  out.plainEditorCaret = await caret();

  for (const field of ['#headline', '#body']) {
    await page.focus(field);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Bagram');
    await compose([' A', ' Ai', ' Air'], ' Air');
    await page.keyboard.type(' Base');
    out[field] = await page.evaluate((f) => {
      const el = document.querySelector<HTMLInputElement>(f)!;
      return `${el.value}|${el.selectionStart}`;
    }, field);
  }
  await cdp.detach();
  return out;
}

test('an editor and form fields: never marked; typing and IME keep text and caret exactly', async ({
  page,
  server,
  plainBrowser,
  browserContext,
}) => {
  const url = server.url('hostile/editable.html');
  const watch = await watchPage(page);
  await page.goto(url);
  await expect.poll(() => marks(page)).toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': [] });
  // A card is open while the user types (the worst moment to disturb the page).
  const at = await textCenter(page, 'h1', 'Bagram Air Base');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram Air Base' })).toBeVisible();

  const typed = await typeEverywhere(page);
  expect(typed).toEqual({
    editorCaret: 'line1|"Draft: Qari バグラム BagramFasihuddin Fitrat spoke about "|23',
    editorEndCaret: 'line1|" Air Base. Doha Agreement"|25',
    editor: expect.stringContaining(
      'Draft: Qari バグラム BagramFasihuddin Fitrat spoke about Bagram Air Base. Doha Agreement',
    ),
    plainEditor: 'Notes on the Doha Agreement Fitrat',
    plainEditorCaret: 'plain-editor|"Notes on the Doha Agreement Fitrat"|34',
    '#headline': 'Bagram Air Base handover Bagram Air Base|40',
    '#body': 'Fasihuddin Fitrat said no. Bagram Air Base|42',
  });
  await page.waitForTimeout(100); // let a (wrong) rescan of the edited text happen, if any
  expect(await marks(page)).toEqual({ bagram: ['Bagram Air Base'], fitrat: [], 'doha-2020': [] });

  const plain = await plainRun(plainBrowser, url, async (p) => {
    expect(await typeEverywhere(p)).toEqual(typed);
  });
  await expectUntouched(page, watch, plain, requestLog(browserContext), 'editor and form fields');
});
