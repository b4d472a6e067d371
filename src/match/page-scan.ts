import type { TopicId } from '../pack/types';
import type { Matcher, TextAround } from './matcher';
import { acceptAll, PageContext } from './page-context';

/** One block of a page's text and where it starts in the page's text as a whole. */
export interface Block {
  text: string;
  offset: number;
  /** In the page's navigation, a sidebar or its footer (see PageContext.absorb). */
  boilerplate?: boolean;
  /** Words read with it: a table cell's row (see Matcher.begin). */
  around?: TextAround;
}

/** An accepted mention, with offsets into the page's text as a whole. */
export interface Mention {
  topic: TopicId;
  start: number;
  end: number;
  /** The alias (as written in the pack) that matched. */
  alias: string;
  /** The page's own text of the mention. */
  text: string;
}

/** Blocks of a plain text: paragraphs, separated by blank lines (lines of only white space). */
export function paragraphs(text: string): Block[] {
  const blocks: Block[] = [];
  const gap = /\r?\n[ \t\u00a0\f\v]*(?:\r?\n[ \t\u00a0\f\v]*)+/g;
  let last = 0;
  for (let m = gap.exec(text); m; m = gap.exec(text)) {
    blocks.push({ text: text.slice(last, m.index), offset: last });
    last = m.index + m[0].length;
  }
  blocks.push({ text: text.slice(last), offset: last });
  return blocks.filter((b) => /\S/.test(b.text));
}

/**
 * Every mention on a whole page, the way the content script decides it: each block is
 * scanned alone (no mention crosses blocks), and conditional aliases are judged against
 * everything the page shows, `context` (e.g. the document title) included.
 */
export function mentionsInPage(matcher: Matcher, blocks: readonly Block[], context: readonly string[] = []): Mention[] {
  const page = new PageContext();
  for (const text of context) page.absorb(matcher.scan(text));
  const scans = blocks.map((block) => ({ block, scan: matcher.scan(block.text, block.around) }));
  for (const { block, scan } of scans) page.absorb(scan, block.boilerplate);
  const all = scans.flatMap(({ block, scan }) =>
    scan.candidates.map((c) => ({ ...c, block, ...(block.boilerplate ? { boilerplate: true } : {}) })),
  );
  const accepted = acceptAll(page, all);
  return all
    .filter((c) => accepted.has(c))
    .map(({ block, ...c }) => ({
      topic: c.topic,
      start: block.offset + c.start,
      end: block.offset + c.end,
      alias: c.alias,
      text: block.text.slice(c.start, c.end),
    }));
}
