// `npm run bench`: builds the extension, then measures it against mark.js and the bare floor
// on generated pages in Chromium, plus the matcher in Node and the content script's size.
//   --json     one JSON object of named figures on stdout (everything else goes to stderr)
//   --quick    small pages, one run: proves the benchmark works (BENCH_QUICK=1 does the same)
//   --no-build measure the extension already in .output/chrome-mv3
//   --runs N   loads per figure (median; default 5)
//   --only small,large,block,idle,scroll,ops   measure only these pages (targets of the others: NaN)
// Exit code: 0 when it ran (targets may fail: the machine is shared and noisy), 1 when it
// could not run or the extension did not mark every mention.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { extensionPath } from './browser';
import { measure as measureMatcher } from '../../src/cli/matcher-speed';
import { FULL, QUICK, runPageBench, type Figures } from './page-bench';
import { addRatios, judge, table } from './report';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const runsArg = args.indexOf('--runs');
const scale = { ...(quick ? QUICK : FULL) };
if (runsArg >= 0) scale.runs = Math.max(1, Number(args[runsArg + 1]) || scale.runs);
const onlyArg = args.indexOf('--only');
const only = onlyArg >= 0 ? new Set((args[onlyArg + 1] ?? '').split(',')) : null;
const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

function build(): void {
  log('building the extension (npm run build)');
  const result = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error('the build failed');
}

function sizeFigures(): Figures {
  const script = readFileSync(join(extensionPath, 'content-scripts', 'content.js'));
  return {
    'contentScript.rawKB': script.length / 1024,
    'contentScript.gzipKB': gzipSync(script).length / 1024,
  };
}

/** The matcher in Node: `npm run speed:matcher`'s measurement (the matcher against its own
 *  compiled regex run bare), so both report the same thing. */
function matcherFigures(): Figures {
  const m = measureMatcher();
  return {
    'matcher.englishMBs': m.englishMatcherMBps ?? NaN,
    'matcher.englishRegexMBs': m.englishBareRegexMBps ?? NaN,
    'matcher.mixedMBs': m.mixedMatcherMBps ?? NaN,
    'matcher.mixedRegexMBs': m.mixedBareRegexMBps ?? NaN,
  };
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) build();
  const load = loadavg();
  log(`matcher throughput in Node`);
  const figures: Figures = { ...sizeFigures(), ...matcherFigures() };
  const page = await runPageBench(scale, log, only);
  Object.assign(figures, page.figures);
  const all = addRatios(figures);
  const results = judge(all);
  const cpu = cpus()[0];
  const machine = {
    cpu: cpu?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium: page.chromium,
    loadAverageAtStart: load.map((n) => Math.round(n * 100) / 100),
    loadAverageAtEnd: loadavg().map((n) => Math.round(n * 100) / 100),
  };
  if (json) {
    const out = {
      quick,
      runs: scale.runs,
      machine,
      figures: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
      targets: results.map((r) => ({ figure: r.figure, value: r.value, max: r.max, min: r.min, pass: r.pass })),
      pass: results.every((r) => r.pass),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const mode = quick
      ? 'quick mode (small pages, 1 run: proves it works, not a measurement)'
      : `median of ${scale.runs} runs`;
    process.stdout.write(
      `${table(all, results)}\n\n${mode}; ${machine.cores} × ${machine.cpu}, Chromium ${machine.chromium}, ` +
        `Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')} → ${machine.loadAverageAtEnd.join(' ')}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
