// `web-ext lint` on the Firefox builds, held to: no errors, no notices, and no warnings except
// the ones listed below, each found in a dependency's code and explained. Anything else fails
// (exit 1) with the finding printed. Usage: tsx src/cli/web-ext-lint.ts [build dir...]
// (default: .output/firefox-mv3 .output/firefox-mv2; run `npm run build:firefox` first).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Finding {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface Allowed {
  code: string;
  /** Why it is not ours and why it is safe. */
  reason: string;
  /** True when the source at the finding's position is the known dependency code. */
  matches(source: string): boolean;
}

/** Warnings from dependencies, identified by the code at the reported position (not by file
 *  name: our own code lands in the same bundles, and its findings must still fail). */
const ALLOWED: Allowed[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    reason:
      "Preact's diff (preact/src/diff/index.js) sets innerHTML only for the dangerouslySetInnerHTML " +
      'prop, which our code never passes; our own code may not touch innerHTML at all (eslint ' +
      'no-restricted-properties). Bundled into every script that renders with Preact.',
    // Minified, the statement reads `<el>.innerHTML=<props>.__html`.
    matches: (source) => /^[\w$]+\.innerHTML=[\w$]+\.__html\b/.test(source),
  },
];

const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['.output/firefox-mv3', '.output/firefox-mv2'];
const webExt = join('node_modules', '.bin', 'web-ext');
let failed = false;

for (const dir of dirs) {
  if (!existsSync(join(dir, 'manifest.json'))) {
    console.error(`✗ ${dir}: no build here (npm run build:firefox)`);
    failed = true;
    continue;
  }
  // web-ext exits non-zero when there are errors; the JSON report is printed either way.
  let stdout: string;
  try {
    stdout = execFileSync(webExt, ['lint', '--output', 'json', '--source-dir', dir], { encoding: 'utf8' });
  } catch (error) {
    stdout = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const report = JSON.parse(stdout) as { errors: Finding[]; notices: Finding[]; warnings: Finding[] };

  const problems: string[] = [];
  const explained: string[] = [];
  for (const finding of [...report.errors, ...report.notices, ...report.warnings]) {
    const where = `${finding.file ?? '(manifest)'}:${finding.line ?? 0}:${finding.column ?? 0}`;
    const allowed = report.warnings.includes(finding)
      ? ALLOWED.find((a) => a.code === finding.code && a.matches(sourceAt(dir, finding)))
      : undefined;
    if (allowed) explained.push(`  ~ ${finding.code} ${where}: ${allowed.reason}`);
    else problems.push(`  ✗ ${finding.code} ${where}: ${finding.message}`);
  }
  const { errors, notices, warnings } = report;
  console.log(
    `${problems.length ? '✗' : '✓'} ${dir}: ${errors.length} errors, ${notices.length} notices, ` +
      `${warnings.length} warnings (${explained.length} from dependencies, explained)`,
  );
  for (const line of [...problems, ...explained]) console.log(line);
  if (problems.length) failed = true;
}
process.exit(failed ? 1 : 0);

/** The text starting at a finding's position (web-ext's lines and columns count from 1). */
function sourceAt(dir: string, finding: Finding): string {
  if (!finding.file || !finding.line) return '';
  const path = join(dir, finding.file);
  if (!existsSync(path)) return '';
  const line = readFileSync(path, 'utf8').split('\n')[finding.line - 1] ?? '';
  const start = Math.max(0, (finding.column ?? 1) - 1);
  return line.slice(start, start + 200);
}
