// A name inside a web or mail address (https://bagram.com, ops@bagram.io, /tags/bagram-air-base,
// @BagramNews) is part of the address: the reader sees a link or a handle, not the place.

/** Characters next to a name that may join it to an address; any other (a space, a letter of
 *  no word) leaves the address question unasked. */
const JOINERS = './@-:_~';
/** How far the text without spaces around a name is read (an address longer is rare). */
const REACH = 256;
// (U+0000: where a page had a line break, src/page/text-blocks.ts.)
// eslint-disable-next-line no-control-regex
const GAP = /[\s\u0000]/;
/** A scheme, a mail address or handle, `www.`, a path, a domain and its path, or a domain or
 *  file name in small letters at the end (bagram-2021.jpg, bagram.af). */
const ADDRESS =
  /:\/\/|@|^[("'<[]*(?:[wW]{3}\.|\/)|^[("'<[]*[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\/|\w\.[a-z][a-z0-9]{1,4}[)\]"'.,;:!?]*$/;

/** True when text[start, end) (a name found there) stands in an address: the text around it
 *  up to white space has one (see ADDRESS), or the name goes on with a dot and a small letter
 *  (bagram.af, a file name). */
export function inAddress(text: string, start: number, end: number): boolean {
  if (!JOINERS.includes(text[start - 1] || ' ') && !JOINERS.includes(text[end] || ' ')) return false;
  // (A small letter: "Bagram.5" is a footnote, "Bagram.The" a space left out.)
  if (text[end] === '.' && /[a-z]/.test(text[end + 1] ?? '')) return true;
  let from = start;
  while (from > 0 && start - from < REACH && !GAP.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < REACH && !GAP.test(text[to]!)) to++;
  return ADDRESS.test(text.slice(from, to));
}
