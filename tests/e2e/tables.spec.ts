// A table is read row by row, as a reader reads it: a cell's words with its row's.
import { expect, marks, test, textCenter } from './fixtures';

const PAGE = `<!doctype html><html lang="en"><head><title>Agreements signed in Doha</title></head>
<body style="font: 18px/1.5 sans-serif">
  <h1>Agreements signed in Doha</h1>
  <table id="deals">
    <tr><th>Year</th><th>Agreement</th><th>Parties</th></tr>
    <tr><td>2008</td><td>Doha Agreement</td><td>Lebanese factions</td></tr>
    <tr><td>2022</td><td>Doha Agreement</td><td>Chad and rebel groups</td></tr>
    <tr id="ours"><td>2020</td><td>Doha Agreement</td><td>United States and the Taliban</td></tr>
  </table>
</body></html>`;

test('in a table of agreements, only the row of the US–Taliban one is marked, and its card opens', async ({
  page,
  server,
}) => {
  const url = server.url('deals.html');
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.goto(url);
  const expected = { bagram: [], fitrat: [], 'doha-2020': ['Doha Agreement'] };
  await expect.poll(() => marks(page)).toEqual(expected);
  await page.waitForTimeout(300);
  expect(await marks(page)).toEqual(expected);
  const at = await textCenter(page, '#ours td:nth-child(2)', 'Doha Agreement');
  await page.mouse.move(at.x, at.y);
  await expect(page.getByRole('dialog', { name: 'The 2020 US–Taliban agreement' })).toBeVisible();
});
