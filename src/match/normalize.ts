// One spelling of "the same words" shared by the pack validator and the matcher, so an alias
// written with a plain hyphen matches text with an en dash, a line break or a no-break space.

export const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2212';
export const APOSTROPHES = "'\u2019\u02bc";
/** Whitespace that may separate the words of an alias in page text (incl. no-break space). */
export const GAP = '[\\s\u00a0\u202f]+';

const DASH_RUN = new RegExp(`[${DASHES}]`, 'g');
const APOSTROPHE_RUN = new RegExp(`[${APOSTROPHES}]`, 'g');
const SPACE_RUN = /[\s\u00a0\u202f]+/g;

/** Folds the text of an alias or a match to the key both are looked up by. */
export function aliasKey(text: string): string {
  return text.replace(SPACE_RUN, ' ').replace(DASH_RUN, '-').replace(APOSTROPHE_RUN, "'").trim().toLowerCase();
}

/** The same folding, keeping letter case (for case rules). */
export function foldSpelling(text: string): string {
  return text.replace(SPACE_RUN, ' ').replace(DASH_RUN, '-').replace(APOSTROPHE_RUN, "'").trim();
}

/** A regex source matching `text` with any gap, dash or apostrophe variant; everything else
 *  is taken literally (regex metacharacters in an alias are escaped). */
export function aliasPattern(text: string): string {
  let out = '';
  let inGap = false;
  for (const ch of text.trim()) {
    if (/[\s\u00a0\u202f]/.test(ch)) {
      if (!inGap) out += GAP;
      inGap = true;
      continue;
    }
    inGap = false;
    if (DASHES.includes(ch) || ch === '-') out += `[${DASHES}]`;
    else if (APOSTROPHES.includes(ch)) out += `[${APOSTROPHES}]`;
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** True when `ch` would continue a word, so a match next to it is part of a longer word.
 *  Checked per candidate in JS: a `u`-flag lookbehind in the big regex costs 5–15× (DESIGN.md). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}
