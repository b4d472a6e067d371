// Words the page's style sets apart where its tags do not: frameworks write no white space
// between elements, and a flex row, a grid or a block-styled <span> still shows each piece as
// a word of its own. A word that stays in its line stays one word: a letter per inline-block
// span (an animated headline), a floated drop cap.
import { expect, marks, test, textCenter } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><title>Layout</title><style>
  .row { display: flex; gap: 12px } .grid { display: grid; grid-template-columns: 1fr 1fr }
  .tags { display: flex; gap: 4px } .chip { padding: 2px 8px; background: #eee }
  .letter { display: inline-block } .dropcap { float: left; font-size: 3em; line-height: 1 }
  .kicker { display: block; font-weight: bold }
  .spaced { margin-right: 12px } .pill { display: inline-block; padding: 0 6px } .nudge { margin-right: 1px }
  .padcap { float: left; padding-right: 6px; font-size: 3em; line-height: 1 }
</style></head><body style="font: 18px/1.5 sans-serif">
  <nav id="rail" class="row"><a href="#1">Heatwave latest</a><a href="#2">Bagram base row deepens</a></nav>
  <div id="grid" class="grid"><a href="#3">Trump</a><a href="#4">Fasihuddin Fitrat</a></div>
  <h2 id="headline"><span class="kicker">Afghanistan</span><span>Doha Agreement at five</span></h2>
  <p id="tags" class="tags"><a class="chip" href="#5">Taliban</a><a class="chip" href="#6">Bagram</a></p>
  <h2 id="animated"><span class="letter">F</span><span class="letter">i</span><span class="letter">t</span><span class="letter">r</span><span class="letter">a</span><span class="letter">t</span> speaks</h2>
  <p id="dropcap"><span class="dropcap">A</span>fter the Taliban took Bagram Air Base, Fasihuddin Fitrat spoke.</p>
  <div id="split" class="row"><span>Bagram</span> <span>Air Base</span></div>
  <nav id="links"><a class="spaced" href="#9">World</a><a class="spaced" href="#10">Bagram</a><a class="spaced" href="#11">Asia</a></nav>
  <p id="pills"><a class="pill" href="#12">Kabul</a><a class="pill" href="#13">Bagram</a></p>
  <h2 id="nudged"><span class="nudge">F</span><span class="nudge">i</span><span class="nudge">t</span><span class="nudge">r</span><span class="nudge">a</span><span class="nudge">t</span> again</h2>
  <p id="capword"><span class="padcap">B</span>agram, the base, stands.</p>
  <p id="initial"><span style="initial-letter: 2; margin-right: 8px">B</span>agram was handed over.</p>
  <p id="inline">From <a href="#7">Bagram</a> Air Base, the <em>Doha <a href="#8">agree</a>ment</em> was read out.</p>
</body></html>`;

test('a mention in a flex or grid item, a block-styled span or a box spaced by margins or padding is marked, none runs across two of them, and a word split a letter per span or by a drop cap stays one', async ({
  page,
  server,
}) => {
  const url = server.url('layout.html');
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.goto(url);
  const expected = {
    // The rail, the chip, the flex row split in two (only its first word is a mention), and
    // the inline link that runs on into "Air Base" as before.
    // Then the links spaced by margins, the padded pills, and the word opened by a padded
    // drop cap (one word, as the letters nudged a pixel apart are), floated or set in the line.
    bagram: [
      'Bagram base',
      'Bagram',
      'Bagram Air Base',
      'Bagram',
      'Bagram',
      'Bagram',
      'Bagram',
      'Bagram',
      'Bagram Air Base',
    ],
    fitrat: ['Fasihuddin Fitrat', 'Fitrat', 'Fitrat', 'Fasihuddin Fitrat'],
    // The headline under its block-styled kicker, and the word split by a link mid-way.
    'doha-2020': ['Doha Agreement', 'Doha agreement'],
  };
  // (In any order: a mark that waits on the rest of the page, the bare "Fitrat", comes later.)
  const sorted = async () =>
    Object.fromEntries(Object.entries(await marks(page)).map(([topic, list]) => [topic, [...list].sort()]));
  for (const list of Object.values(expected)) list.sort();
  await expect.poll(sorted).toEqual(expected);
  await page.waitForTimeout(300);
  expect(await sorted()).toEqual(expected);
  const at = await textCenter(page, '#rail a:last-child', 'Bagram');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'Bagram' })).toBeVisible();
});
