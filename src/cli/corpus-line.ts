// Prints one corpus line (JSON) for a passage written with its mentions marked in place:
//
//   npm run --silent corpus:line -- --id news-bagram-9 --kind news --lang en \
//     'Trump wants [[bagram|Bagram Air Base]] back.' >> tests/fixtures/mentions/passages.jsonl
//
// "\n" in the passage stands for a line break (a blank line, "\n\n", separates blocks).
// --hard NAME marks a hard negative and says which kind (see the corpus README).
import { fileURLToPath } from 'node:url';
import { unmark } from './corpus-markup';

export function corpusLine(argv: readonly string[]): string {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--')) fields[arg.slice(2)] = argv[++i] ?? '';
    else rest.push(arg);
  }
  const [marked] = rest;
  if (!fields.id || !fields.kind || !fields.lang || marked === undefined || rest.length !== 1) {
    throw new Error('usage: corpus-line --id ID --kind KIND --lang LANG [--hard NAME] "passage with [[topic|marks]]"');
  }
  const { text, mentions } = unmark(marked.replace(/\\n/g, '\n'));
  return JSON.stringify({
    id: fields.id,
    kind: fields.kind,
    lang: fields.lang,
    ...(fields.hard ? { hard: fields.hard } : {}),
    text,
    mentions,
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`${corpusLine(process.argv.slice(2))}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
