// The scan CLI (DESIGN.md contract 6): the extension's matcher over .txt and .html files.
//
//   npm run --silent scan -- [--json | --text] FILE...
//
// --json  one line per mention: {"file","topic","text","start","end"}
// --text  the text that offsets index (an HTML file's visible text), to check them against
// (none)  a table
// Exit code 0 when every file was read, 2 when any was not (each one named on stderr); the
// other files are still reported.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMatcher } from '../match/build-matcher';
import { mentionsInPage, paragraphs, type Block, type Mention } from '../match/page-scan';
import { loadDataFiles } from '../pack/data-files';
import { htmlText } from './html-text';

/** A file's text as the matcher sees it: its blocks, what else the page shows, and the
 *  string the offsets index. */
export interface PageText {
  text: string;
  blocks: Block[];
  context: string[];
}

export class InputError extends Error {}

/** Reads a .txt or .html file; throws InputError saying what is wrong with it. */
export function readPage(file: string): PageText {
  const type = extname(file).toLowerCase();
  if (!['.txt', '.html', '.htm'].includes(type)) {
    throw new InputError(`unknown file type "${type || '(none)'}": give a .txt or .html file`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError('is not UTF-8 text');
  }
  if (source.includes('\u0000')) throw new InputError('is binary (holds NUL characters)');
  if (type === '.txt') return { text: source, blocks: paragraphs(source), context: [] };
  if (!/<[a-zA-Z!]/.test(source)) throw new InputError('is not HTML (no markup)');
  if (/<[a-zA-Z][^>]*$/.test(source)) throw new InputError('is malformed HTML (ends inside a tag)');
  const html = htmlText(source);
  return { text: html.text, blocks: html.blocks, context: [html.title] };
}

interface Options {
  format: 'json' | 'text' | 'table';
  files: string[];
}

function parseArgs(argv: readonly string[]): Options | string {
  const options: Options = { format: 'table', files: [] };
  for (const arg of argv) {
    if (arg === '--json') options.format = 'json';
    else if (arg === '--text') options.format = 'text';
    else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else options.files.push(arg);
  }
  return options.files.length === 0 ? 'no files given' : options;
}

function table(rows: readonly (readonly string[])[]): string {
  // (A reduce, not Math.max(...lengths): a file of 150,000 mentions overflowed the stack.)
  const widths = rows[0]?.map((_, i) => rows.reduce((widest, r) => Math.max(widest, (r[i] ?? '').length), 0)) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Runs the CLI; returns the exit code. */
/** Where the CLI writes (stdout, stderr, or a test's collector). */
export interface Output {
  write(text: string): unknown;
}

export function main(argv: readonly string[], out: Output = process.stdout, err: Output = process.stderr): number {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    err.write(`scan: ${options}\nusage: npm run --silent scan -- [--json | --text] FILE...\n`);
    return 2;
  }
  const { pack } = loadDataFiles(new URL('../../data/', import.meta.url));
  const matcher = buildMatcher(pack);
  let failed = false;
  const rows: string[][] = [['FILE', 'TOPIC', 'START', 'END', 'TEXT']];
  for (const file of options.files) {
    let page: PageText;
    try {
      page = readPage(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      err.write(`scan: ${file}: ${error.message}\n`);
      failed = true;
      continue;
    }
    if (options.format === 'text') {
      out.write(`${page.text}\n`);
      continue;
    }
    const mentions: Mention[] = mentionsInPage(matcher, page.blocks, page.context);
    for (const m of mentions) {
      if (options.format === 'json') {
        out.write(`${JSON.stringify({ file, topic: m.topic, text: m.text, start: m.start, end: m.end })}\n`);
      } else {
        rows.push([file, m.topic, String(m.start), String(m.end), JSON.stringify(m.text).slice(1, -1)]);
      }
    }
    if (options.format === 'table' && mentions.length === 0) rows.push([file, '(none)', '', '', '']);
  }
  if (options.format === 'table' && rows.length > 1) out.write(`${table(rows)}\n`);
  return failed ? 2 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Output piped into a reader that stops early (`| head`): nothing more to say (the exit
  // code says whether every file could be read, as without the pipe).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode);
  });
  process.exitCode = main(process.argv.slice(2));
}
