// A table is read as a reader reads it, row by row: a cell's words with its row's.
import type { TextAround } from '../match/matcher';
import { collectRuns, LINE_BREAK } from './text-blocks';

/** What a row's other cells hold, before and after the cell `block` is in (or is), each cell
 *  apart (LINE_BREAK); undefined for a block in no table cell. A cell's words are read with its
 *  row's, as a reader reads a table: "2008 | Doha Agreement | Lebanese factions" is another
 *  Doha agreement. Read as the page shows them (no script, no form field), nearest cells
 *  first, up to ROW_CELLS and ROW_CHARS on each side. */
export function rowAround(block: Element): TextAround | undefined {
  const cell = block.closest('td, th');
  if (cell?.parentElement?.localName !== 'tr') return undefined;
  const side = (next: boolean) => {
    const step = (el: Element) => (next ? el.nextElementSibling : el.previousElementSibling);
    let text = '';
    for (let other = step(cell), n = 0; other && n++ < ROW_CELLS && text.length < ROW_CHARS; other = step(other)) {
      // (A cell of text alone is its text: a walk per cell made a table of 80,000 twice as slow.)
      const own = other.firstElementChild
        ? collectRuns(other)
            .map((run) => run.text)
            .join(LINE_BREAK)
        : other.textContent;
      text = next ? text + LINE_BREAK + own : own + LINE_BREAK + text;
    }
    return text;
  };
  return { before: side(false), after: side(true) };
}
const ROW_CHARS = 1000;
/** Cells read on each side: a wide table's cell reads its near neighbours only (each read is
 *  a walk; reading to ROW_CHARS across 60 short cells made a table of 80,000 cells 4× slower). */
const ROW_CELLS = 4;
