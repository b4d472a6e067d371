// The real build as the guard (issue 7): it pins the manifest's permissions to the documented
// set, and it refuses a broken data pack with a message naming the file and the field. Runs
// `wxt build` on a copy of the project in a temp folder, so the shared .output/ is untouched.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataFiles } from '../../src/pack/data-files';
import { buildMatcher } from '../../src/match/build-matcher';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const WXT = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
let project = '';

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'context-overlays-build-'));
  for (const path of ['wxt.config.ts', 'package.json', 'tsconfig.json', 'src', 'entrypoints', 'data', 'assets']) {
    if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(project, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  await run(process.execPath, [WXT, 'prepare'], { cwd: project });
}, 120_000);
afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Builds the copy; resolves with the exit code and all output. */
async function build(): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [WXT, 'build'], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('the built Chrome manifest', () => {
  it('asks only for the documented permissions and matches', async () => {
    const { code, output } = await build();
    expect(code, output).toBe(0);
    const manifest = JSON.parse(readFileSync(join(project, '.output/chrome-mv3/manifest.json'), 'utf8'));
    // README "Privacy" and DESIGN.md: `storage`, the content script's match patterns, and
    // `scripting` over those same hosts, for the background to run the card's UI in a frame
    // when a card is first wanted there (src/page/card-ui.ts): an imported module never runs
    // where the reader blocks JavaScript. A new permission must come with a reason, and with a
    // change here.
    expect(manifest.permissions).toEqual(['storage', 'scripting']);
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*', 'file:///*']);
    expect(manifest.optional_host_permissions).toBeUndefined();
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined(); // MV3's default policy: no remote code
    expect(manifest.content_scripts).toHaveLength(1);
    expect(manifest.content_scripts[0]).toMatchObject({
      matches: ['file:///*', 'http://*/*', 'https://*/*'],
      all_frames: true,
      match_about_blank: true,
      match_origin_as_fallback: true,
    });
    expect([...manifest.host_permissions].sort()).toEqual([...manifest.content_scripts[0].matches].sort());
    expect(Object.keys(manifest.content_scripts[0]).sort()).toEqual(
      ['all_frames', 'css', 'js', 'match_about_blank', 'match_origin_as_fallback', 'matches', 'run_at'].sort(),
    );
    // No file a page could fetch, so none to probe for the extension with: the card's UI goes
    // in by the background. It holds no extension code (Preact and the card's markup; it only
    // registers itself).
    expect(manifest.web_accessible_resources).toBeUndefined();
    expect(manifest.minimum_chrome_version).toBe('106');
    const cardUi = readFileSync(join(project, '.output/chrome-mv3/card-ui.js'), 'utf8');
    expect(cardUi).not.toMatch(/chrome\.(runtime|storage|tabs)|browser\.(runtime|storage|tabs)/);
    // …and Preact is there, not in the content script every page runs (issue 6).
    const contentScript = readFileSync(join(project, '.output/chrome-mv3/content-scripts/content.js'), 'utf8');
    expect(cardUi).toContain('dangerouslySetInnerHTML');
    expect(contentScript).not.toContain('dangerouslySetInnerHTML');
    // The polyfill's table of API argument counts, cut to the APIs a content script can reach
    // (src/cli/content-script-polyfill.ts); the background's is whole.
    const background = readFileSync(join(project, '.output/chrome-mv3/background.js'), 'utf8');
    expect(contentScript).toMatch(/runtime:\{/);
    expect(contentScript).not.toMatch(/alarms:\{/);
    expect(background).toMatch(/alarms:\{/);
    // Nothing the page can hear or send: WXT's own context announces the script to the page
    // and stops it when the page repeats that (src/wxt-context-stand-in.ts).
    expect(contentScript).not.toContain('content-script-started');
    expect(contentScript).not.toMatch(/\.postMessage\(|\.dispatchEvent\(/);
    // Where the reader blocks JavaScript, Chromium fires none of a content script's timers:
    // each file that runs in pages has one setTimeout, the fallback in src/page/timers.ts where
    // there is no scheduler.postTask, and no setInterval (a library's own would show here).
    for (const code of [contentScript, cardUi]) {
      expect(code.match(/setTimeout/g)).toHaveLength(1);
      expect(code).not.toContain('setInterval');
    }
  }, 180_000);
});

describe('a broken data pack stops the build, naming the file and the field', () => {
  const topics = () => JSON.parse(readFileSync(join(ROOT, 'data/topics.json'), 'utf8'));
  const cases: [string, () => string, RegExp][] = [
    ['malformed JSON', () => '{ "version": 1, "topics": [', /data\/topics\.json: \(file\): is not valid JSON/],
    [
      'unknown sentence id',
      () => {
        const pack = topics();
        pack.topics[0].facts[0].sentence = 'p99s1';
        return JSON.stringify(pack);
      },
      /data\/topics\.json: topics\[0\]\.facts\[0\]\.sentence: unknown article sentence "p99s1"/,
    ],
    [
      'unknown topic id',
      () => {
        const pack = topics();
        pack.topics[0].aliases[0].requires = ['topic:nowhere'];
        return JSON.stringify(pack);
      },
      /data\/topics\.json: topics\[0\]\.aliases\[0\]\.requires\[0\]: "topic:nowhere" names no cue list or topic/,
    ],
    [
      'duplicate alias',
      () => {
        const pack = topics();
        const first = pack.topics[0].aliases[0].text as string;
        pack.topics[1].aliases.push({ text: `  ${first.toUpperCase().replace(/ /g, '\u00a0')} ` });
        return JSON.stringify(pack);
      },
      /data\/topics\.json: topics\[1\]\.aliases\[\d+\]\.text: duplicate alias/,
    ],
  ];
  it.each(cases)(
    '%s',
    async (_name, broken, message) => {
      const file = join(project, 'data/topics.json');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, broken());
      try {
        const { code, output } = await build();
        expect(code).not.toBe(0);
        expect(output).toMatch(message);
      } finally {
        writeFileSync(file, good);
      }
    },
    120_000,
  );
});

describe('regex metacharacters in an alias are taken literally', () => {
  /** Marks of `alias` (added to the bundled pack through the real loader) in `text`. */
  const matchesOf = (alias: string, text: string): string[] => {
    const dir = mkdtempSync(join(tmpdir(), 'context-overlays-data-'));
    try {
      cpSync(join(ROOT, 'data'), dir, { recursive: true });
      const pack = JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8'));
      pack.topics[0].aliases.push({ text: alias });
      writeFileSync(join(dir, 'topics.json'), JSON.stringify(pack));
      const matcher = buildMatcher(loadDataFiles(new URL(`file://${dir}/`)).pack);
      return matcher
        .scan(text)
        .candidates.filter((c) => c.alias === alias)
        .map((c) => text.slice(c.start, c.end));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each<[string, string]>([
    ['Zork (A.B.)+ [base]*', 'Zork XAYBB base'],
    ['Zork ^$ a|b', 'Zork  a'],
    ['Zork {2}?', 'Zork ZZ'],
    ['Zork/x.', 'Zork/xy'],
    ['Zork\\d', 'Zork5'],
  ])('%s', (alias, lookalike) => {
    expect(matchesOf(alias, `Seen: ${alias}, once.`)).toEqual([alias]);
    expect(matchesOf(alias, `Seen: ${lookalike}, once.`)).toEqual([]);
  });
});
