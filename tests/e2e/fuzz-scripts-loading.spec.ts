// Page scripts while the page loads, checked against the page at rest: each page is streamed in
// pieces, and inline scripts between the pieces move, insert, remove, split and rewrite nodes at
// random, behind the extension's walk as well as ahead of it (src/page/parse-follower.ts sorts
// their mutation records from the parser's own). Once loaded, the page must hold exactly the
// marks that its final DOM gets when it is served again in one piece, without scripts.
//
// The pages hold prose without cue words and mentions by aliases that always count, and only
// the marks of those aliases are compared. Text a script glues together can still make a
// conditional alias stand ("Fasihuddin Fitrat" + "even" leaves "Fasihuddin", next to a name),
// and whether that one counts rests on what the page has said on its way, which it keeps by
// design (a namesake a script later erased still rules out the bare name), not on the page at
// rest. Which places hold a mention at all does not.
//
//   FUZZ_SCRIPTS_PAGES=200 npx playwright test tests/e2e/fuzz-scripts-loading.spec.ts   more pages
//   FUZZ_SCRIPTS_SEED=7 npx playwright test tests/e2e/fuzz-scripts-loading.spec.ts      one page
import { expect, test } from './fixtures';
import { scriptedPage, settledMarks, unconditionalMarks } from './fuzz-scripts';
import { startStreamServer } from './stream-server';

const FIRST_SEED = Number(process.env.FUZZ_SCRIPTS_SEED_BASE ?? 1);
const PAGES = Number(process.env.FUZZ_SCRIPTS_PAGES ?? 40);
/** Pages that once found a bug, run every time: a word moved into a later paragraph while the
 *  walk kept the block it had found for it in an earlier step (101, 139); a paragraph added
 *  behind the walk next to one the same script then moved down (1063, failed 2 runs in 3). */
const FOUND_BUGS = [101, 139, 1063];

test('page scripts that change the page while it loads leave exactly the marks of the page at rest', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const server = await startStreamServer();
  const seeds = process.env.FUZZ_SCRIPTS_SEED
    ? [Number(process.env.FUZZ_SCRIPTS_SEED)]
    : [...new Set([...Array.from({ length: PAGES }, (_, i) => FIRST_SEED + i), ...FOUND_BUGS])];
  const failing: string[] = [];
  let marks = 0;
  try {
    for (const seed of seeds) {
      await page.goto(server.timed(scriptedPage(seed).pieces), { waitUntil: 'load' });
      const streamed = unconditionalMarks(await settledMarks(page));
      const html = await page.evaluate(() => {
        const body = document.body.cloneNode(true) as HTMLElement;
        for (const script of body.querySelectorAll('script')) script.remove();
        return body.getHTML(); // serialised as the parser reads it back
      });
      const whole = `<!doctype html><html><head><title>Notes</title></head><body>${html}</body></html>`;
      await page.goto(server.timed([{ bytes: new TextEncoder().encode(whole), waitMs: 0 }]), { waitUntil: 'load' });
      const atRest = unconditionalMarks(await settledMarks(page));
      marks += atRest.length;
      if (JSON.stringify(streamed) !== JSON.stringify(atRest)) {
        const missing = atRest.filter((m) => !streamed.includes(m));
        const extra = streamed.filter((m) => !atRest.includes(m));
        failing.push(`seed ${seed}: missing ${JSON.stringify(missing)}, extra ${JSON.stringify(extra)}`);
        if (failing.length >= 5) break;
      }
    }
  } finally {
    await server.close();
  }
  console.log(`FUZZ_SCRIPTS ${JSON.stringify({ pages: seeds.length, marks, failing: failing.length })}`);
  expect(failing, failing.join('\n')).toEqual([]);
  // The pages must have had something to mark, or the comparison proves nothing.
  expect(marks).toBeGreaterThan(seeds.length);
});
