// The scan CLI (DESIGN.md contract 6) on saved files: the same matcher and the same text
// blocks as the extension, offsets into the text `--text` prints, and bad input named.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/scan';

const fixture = (name: string) => `tests/fixtures/scan/${name}`;

/** A page written to a file of its own (the CLI reads files). */
function htmlFile(name: string, html: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'scan-')), name);
  writeFileSync(file, html);
  return file;
}

function run(...args: string[]) {
  let out = '';
  let err = '';
  const code = main(args, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}
const json = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { file: string; topic: string; text: string; start: number; end: number });

describe('scan --json', () => {
  it('reads HTML the way the content script does: inline elements join, blocks do not', () => {
    const { code, out } = run('--json', fixture('story.html'));
    expect(code).toBe(0);
    expect(json(out).map((m) => [m.topic, m.text])).toEqual([
      ['bagram', 'Bagram Air Base'], // <a>Bagram</a> Air Base
      ['fitrat', 'Fasihuddin Fitrat'], // <b>Fasihuddin</b> Fitrat
      ['fitrat', 'Fitrat'],
      ['bagram', 'Bagram'], // <p>Bagram</p><p>Air Base</p>; <li>The Doha</li><li>Agreement</li> is nothing
      ['doha-2020', 'Doha Agreement'],
      ['bagram', 'Bag\u00adram'], // no script, textarea or editable text
    ]);
  });

  it('leaves out fallback text a browser with frames and plugins never shows', () => {
    const file = htmlFile(
      'fallback.html',
      '<html><body><p>Bagram Air Base.</p><noembed>Bagram</noembed><noframes>Fasihuddin Fitrat</noframes></body></html>',
    );
    const { code, out } = run('--json', file);
    expect(code).toBe(0);
    expect(json(out).map((m) => m.text)).toEqual(['Bagram Air Base']);
  });

  it('reads a footnote number apart from the name it follows, and a ruby without its reading', () => {
    const file = htmlFile(
      'notes.html',
      '<html><body><p>Led by Fasihuddin Fitrat<sup>1</sup> from Bagram<sup>2</sup>; Fitrat<sup>3</sup> cited ' +
        'the Doha agreement<sup><a href="#n4">4</a></sup> with the Taliban.</p>' +
        '<p><ruby>Bagram<rp>(</rp><rt>バグラム</rt><rp>)</rp></ruby> Air Base, 5 km<sup>2</sup>.</p></body></html>',
    );
    const { code, out } = run('--json', file);
    expect(code).toBe(0);
    expect(json(out).map((m) => [m.topic, m.text])).toEqual([
      ['fitrat', 'Fasihuddin Fitrat'],
      ['bagram', 'Bagram'],
      ['fitrat', 'Fitrat'],
      ['doha-2020', 'Doha agreement'],
      ['bagram', 'Bagram Air Base'],
    ]);
    const text = run('--text', file).out;
    for (const m of json(out)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('sets a footnote apart however it is written: nested, empty, two in a row, first in a block', () => {
    const file = htmlFile(
      'notes.html',
      '<html><body><p>Troops left<sup>1<sub>a</sub>2</sup>Bagram Air Base.</p>' +
        '<p>They flew from Bagram<sup></sup> Air Base.</p><p>Fitrat<sup>3</sup></p>' +
        '<p><sup>4</sup>Bagram Air Base, Bagram<sup>5</sup><sup>6</sup> Air Base.</p></body></html>',
    );
    const text = run('--text', file).out;
    expect(text).toBe(
      'Troops left\n1a2\nBagram Air Base.\n\nThey flew from Bagram Air Base.\n\nFitrat\n3\n\n' +
        '4\nBagram Air Base, Bagram\n5\n\n6\n Air Base.\n',
    );
    expect(json(run('--json', file).out).map((m) => m.text)).toEqual([
      'Bagram Air Base',
      'Bagram Air Base',
      'Fitrat',
      'Bagram Air Base',
      'Bagram',
    ]);
  });

  it('lets a namesake in a sidebar, the navigation or a footer rule out no mention of the article', () => {
    const page = (around: string) =>
      htmlFile(
        'namesake.html',
        '<html><body><article><p>Fasihuddin Fitrat, chief of staff at the defence ministry, spoke.</p>' +
          `<p>Fitrat said no deal was possible.</p></article>${around}</body></html>`,
      );
    const fitrats = (file: string) => json(run('--json', file).out).map((m) => m.text);
    const aside = '<aside><h2>Most read</h2><p>Abdul Qadir Fitrat opens a bakery</p></aside>';
    expect(fitrats(page(aside))).toEqual(['Fasihuddin Fitrat', 'Fitrat']);
    expect(fitrats(page(aside.replace(/aside/g, 'footer')))).toEqual(['Fasihuddin Fitrat', 'Fitrat']);
    expect(fitrats(page(aside.replace(/aside/g, 'nav')))).toEqual(['Fasihuddin Fitrat', 'Fitrat']);
    // In the article's own text, the namesake makes the bare surname no one's in particular;
    // so it does in the article's own footer, a quote's, or a fact box set in the article.
    expect(fitrats(page(aside.replace(/aside/g, 'section')))).toEqual(['Fasihuddin Fitrat']);
    const quoted = '<blockquote><p>No.</p><footer>Abdul Qadir Fitrat</footer></blockquote>';
    expect(fitrats(page(`<article>${quoted}</article>`))).toEqual(['Fasihuddin Fitrat']);
    expect(fitrats(page(`<section>${aside}</section>`))).toEqual(['Fasihuddin Fitrat']);
    // A bare surname in the sidebar itself stays the namesake's.
    expect(fitrats(page(aside.replace('</aside>', '<p>Fitrat, 54, says it took a year.</p></aside>')))).toEqual([
      'Fasihuddin Fitrat',
      'Fitrat',
    ]);
  });

  it('reads a declarative shadow root as a browser shows it, and leaves a plain template out', () => {
    const file = htmlFile(
      'shadow.html',
      '<html><body><my-card><template shadowrootmode="open"><p>The Doha agreement with the Taliban.</p>' +
        '<slot></slot></template><span>Fasihuddin Fitrat.</span></my-card>' +
        '<template><p>Bagram Air Base.</p></template></body></html>',
    );
    expect(json(run('--json', file).out).map((m) => m.text)).toEqual(['Doha agreement', 'Fasihuddin Fitrat']);
  });

  it('reads a table cell with its row: another Doha agreement in the next cell is ruled out', () => {
    const file = htmlFile(
      'table.html',
      '<table><tr><td>2008</td><td>Doha Agreement</td><td>Lebanese factions</td></tr>' +
        '<tr><td>2022</td><td>Doha Agreement</td><td>Chad and rebel groups</td></tr>' +
        '<tr><td>2020</td><td>Doha Agreement</td><td>United States and the Taliban</td></tr></table>',
    );
    const text = run('--text', file).out;
    const found = json(run('--json', file).out);
    expect(found.map((m) => m.text)).toEqual(['Doha Agreement']);
    expect(text.slice(0, found[0]!.start)).toContain('2020');
  });

  it('reads the row as the page shows it: a cell’s paragraphs, and not its scripts or fields', () => {
    const file = htmlFile(
      'table-shapes.html',
      '<table><tr><td><p>2008</p></td><td><p>Doha Agreement</p></td><td><p>talks in</p><p>Beirut</p></td></tr>' +
        '<tr><td>2020</td><td>Doha Agreement</td><td>United States and the Taliban' +
        '<script>track("Beirut")</script><textarea>Lebanon</textarea></td></tr></table>',
    );
    const found = json(run('--json', file).out);
    expect(found.map((m) => m.text)).toEqual(['Doha Agreement']);
    expect(run('--text', file).out.slice(0, found[0]!.start)).toContain('2020');
  });

  it('reads line ends as a browser does', () => {
    const file = htmlFile(
      'crlf.html',
      '<html><body>\r\n<p>Bagram\r\nAir Base.</p>\r\n<!-- Fasihuddin Fitrat -->\r\n<p>Doha Agreement</p>',
    );
    const found = json(run('--json', file).out);
    expect(found.map((m) => m.text)).toEqual(['Bagram\nAir Base', 'Doha Agreement']);
    expect(found[0]).toMatchObject({ start: 0, end: 15 });
  });

  it('gives offsets into the visible text that --text prints, and the file as given', () => {
    const file = fixture('story.html');
    const text = run('--text', file).out.replace(/\n$/, '');
    for (const m of json(run('--json', file).out)) {
      expect(m.file).toBe(file);
      expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('gives offsets into a text file as read, and judges ambiguous names by the whole file', () => {
    const file = fixture('story.txt');
    const source = readFileSync(file, 'utf8');
    const mentions = json(run('--json', file).out);
    expect(mentions.map((m) => m.text)).toEqual(['Doha Agreement', '2020 deal']);
    for (const m of mentions) expect(source.slice(m.start, m.end)).toBe(m.text);
    expect(json(run('--json', fixture('no-context.txt')).out)).toEqual([]);
  });

  it('names each bad file, exits 2, and still reports the good ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const bad = {
      missing: join(dir, 'missing.txt'),
      pdf: join(dir, 'notes.pdf'),
      latin1: join(dir, 'latin1.txt'),
      truncated: join(dir, 'truncated.html'),
      plain: join(dir, 'plain.html'),
    };
    writeFileSync(bad.pdf, 'Bagram');
    writeFileSync(bad.latin1, Buffer.from([0x42, 0x61, 0x67, 0x72, 0x61, 0x6d, 0xe9, 0xff]));
    writeFileSync(bad.truncated, '<p>Bagram</p><p class="x');
    writeFileSync(bad.plain, 'no markup at all about Bagram');
    const { code, out, err } = run(
      '--json',
      bad.missing,
      bad.pdf,
      fixture('story.txt'),
      bad.latin1,
      bad.truncated,
      bad.plain,
    );
    expect(code).toBe(2);
    expect(json(out).map((m) => m.file)).toEqual([fixture('story.txt'), fixture('story.txt')]);
    expect(err).toContain(`${bad.missing}: cannot be read (ENOENT)`);
    expect(err).toContain(`${bad.pdf}: unknown file type ".pdf"`);
    expect(err).toContain(`${bad.latin1}: is not UTF-8 text`);
    expect(err).toContain(`${bad.truncated}: is malformed HTML`);
    expect(err).toContain(`${bad.plain}: is not HTML`);
  });
});

describe('scan without --json', () => {
  it('prints a table with a row per mention and a row for a file with none', () => {
    const { code, out } = run(fixture('story.txt'), fixture('no-context.txt'));
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+TOPIC\s+START\s+END\s+TEXT$/);
    expect(lines[1]).toMatch(/story\.txt\s+doha-2020\s+52\s+66\s+Doha Agreement$/);
    expect(lines.at(-1)).toMatch(/no-context\.txt\s+\(none\)$/);
  });
});

describe('scan without --json, a file of many mentions', () => {
  it('prints its table (150,000 rows overflowed the stack once)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scan-')), 'many.txt');
    writeFileSync(file, 'Bagram Air Base. '.repeat(150_000));
    const { code, out } = run(file);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(150_001);
  }, 60_000);
});

describe('npm run --silent scan', () => {
  it('is wired to the same CLI', () => {
    const result = spawnSync('npm', ['run', '--silent', 'scan', '--', '--json', fixture('story.txt')], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(json(result.stdout).map((m) => m.text)).toEqual(['Doha Agreement', '2020 deal']);
  }, 20_000);

  it('stops quietly when what reads its output stops first (`| head`)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'scan-')), 'many.txt');
    writeFileSync(file, 'Bagram Air Base. '.repeat(50_000));
    const result = spawnSync('sh', ['-c', `npm run --silent scan -- --json '${file}' | head -n 1`], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(json(result.stdout)).toHaveLength(1);
  }, 30_000);
});
