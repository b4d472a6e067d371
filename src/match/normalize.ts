// One spelling of "the same words" shared by the pack validator and the matcher, so an alias
// written with a plain hyphen matches text with an en dash, a line break or a no-break space,
// and a Persian alias typed with Persian letters matches text typed on an Arabic keyboard.

export const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2212';
export const APOSTROPHES = "'\u2019\u02bc";
/** Whitespace that may separate the words of an alias in page text: `\s` holds the no-break
 *  spaces (U+00A0, U+202F), as it holds every space separator. */
export const GAP = '\\s+';
/** Between two Arabic-script words of an alias: Persian writes compounds with a space, a
 *  zero-width non-joiner or nothing at all (فصیح الدین, فصیح‌الدین, فصیحالدین). */
const ARABIC_GAP = '[\\s\u200c]*';
/** Middle dots between the parts of a transcribed name (法西胡丁·菲特拉特); may be left out. */
const NAME_DOTS = '\u00b7\u2022\u2027\u30fb\uff65';
const NAME_DOT = `[${NAME_DOTS}]?`;
/** Devanagari letters Hindi writes with a nukta (U+093C after them) for sounds of Persian and
 *  Arabic words, or without it (फ़ितरत, फितरत): an alias written without it matches either, and
 *  a match folds to the key without it. (Not the same letters precomposed, U+0958–U+095F, which
 *  Unicode normalization takes apart: the content script has no bytes left for them.) */
const NUKTA_LETTERS = 'कखगजडढफय';
const NUKTA = '\u093c';
/** Letters that Persian and Arabic keyboards type differently for the same word. */
const LETTER_VARIANTS: Record<string, string> = {
  '\u06cc': '[\u06cc\u064a\u0649]', // Persian yeh, Arabic yeh, alef maksura
  '\u064a': '[\u06cc\u064a\u0649]',
  '\u06a9': '[\u06a9\u0643]', // keheh, Arabic kaf
  '\u0643': '[\u06a9\u0643]',
};

const DASH_RUN = new RegExp(`[${DASHES}]`, 'g');
const APOSTROPHE_RUN = new RegExp(`[${APOSTROPHES}]`, 'g');
const SPACE_RUN = /\s+/g;
const NAME_DOT_RUN = new RegExp(`[${NAME_DOTS}]`, 'g');
const ARABIC_SPACE = /([\u0600-\u06ff])[\s\u200c]+(?=[\u0600-\u06ff])/g;

/** Words apart by single spaces, without a dash, an apostrophe, a middle dot, a non-joiner, an
 *  Arabic letter or a nukta: folding changes nothing in them but letter case. */
const UNFOLDED_WORD = `[^\\s${DASHES}${APOSTROPHES}${NAME_DOTS}\u200c\u0600-\u06ff\u093c]+`;
// (The nukta in the class on its own, a mark to look for, not part of the letter before it.)
// eslint-disable-next-line no-misleading-character-class
const SIMPLE = new RegExp(`^${UNFOLDED_WORD}(?: ${UNFOLDED_WORD})*$`);

/** Folds the text of an alias or a match to the key both are looked up by. */
export function aliasKey(text: string): string {
  // Most aliases and matches only fold to lower case: the replacements below are for other
  // gaps, dashes, apostrophes and Arabic-script spellings (and cost a third of building the
  // matcher).
  return foldsCaseOnly(text) ? text.toLowerCase() : foldedKey(text);
}

/** True when folding would change nothing in `text` but its letter case. */
export function foldsCaseOnly(text: string): boolean {
  return SIMPLE.test(text);
}

/** aliasKey the long way, for any text. */
export function foldedKey(text: string): string {
  return foldSpelling(text)
    .toLowerCase()
    .replace(ARABIC_SPACE, '$1')
    .replace(/\u200c/g, '')
    .replace(NAME_DOT_RUN, '')
    .replace(/[\u064a\u0649]/g, '\u06cc')
    .replace(/\u0643/g, '\u06a9')
    .replace(/\u093c/g, '');
}

/** The same folding of gaps, dashes and apostrophes, keeping letter case (for case rules). */
export function foldSpelling(text: string): string {
  return text.replace(SPACE_RUN, ' ').replace(DASH_RUN, '-').replace(APOSTROPHE_RUN, "'").trim();
}

/** A regex source matching `text` with any gap, dash or apostrophe variant; everything else
 *  is taken literally (regex metacharacters in an alias are escaped). */
export function aliasPattern(text: string): string {
  return aliasSource(text, []);
}

/** Like aliasPattern, and each word may also end in one of `endings` (inflected languages:
 *  Баграм, Баграма, Баграме). */
export function aliasSource(text: string, endings: readonly string[]): string {
  return aliasAtoms(text, endings).join('');
}

/** aliasSource cut into one regex fragment per written character (a gap, dash, letter …),
 *  so that aliases sharing a beginning can share it in the compiled regex. */
export function aliasAtoms(text: string, endings: readonly string[]): string[] {
  // Longest first: the alternation takes the first that fits ("Bagramda" must not stop "Bagramdan").
  const longestFirst = [...endings].sort((a, b) => b.length - a.length);
  const ending = endings.length > 0 ? `(?:${longestFirst.map(escapeLiteral).join('|')})?` : '';
  const chars = [...text.trim()];
  const atoms: string[] = [];
  let inGap = false;
  chars.forEach((ch, i) => {
    const prev = chars[i - 1];
    if (/[\s\u200c]/.test(ch)) {
      if (!inGap) {
        if (ending) atoms.push(ending);
        atoms.push(isArabicScript(prev) && isArabicScript(nextNonGap(chars, i)) ? ARABIC_GAP : GAP);
      }
      inGap = true;
      return;
    }
    inGap = false;
    // Test against DASH_RUN, not the DASHES string: that holds the regex escape "\\-", and a
    // backslash in an alias would pass for a dash.
    if (ch.replace(DASH_RUN, '') === '') {
      if (ending) atoms.push(ending);
      atoms.push(`[${DASHES}]`);
    } else if (APOSTROPHES.includes(ch)) atoms.push(`[${APOSTROPHES}]`);
    else if (NAME_DOTS.includes(ch)) atoms.push(NAME_DOT);
    else atoms.push(NUKTA_LETTERS.includes(ch) ? `${ch}${NUKTA}?` : (LETTER_VARIANTS[ch] ?? escapeLiteral(ch)));
  });
  if (ending) atoms.push(ending);
  return atoms;
}

function nextNonGap(chars: readonly string[], i: number): string | undefined {
  let j = i;
  while (j < chars.length && /[\s\u200c]/.test(chars[j] ?? '')) j++;
  return chars[j];
}

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/** True when `ch` would continue a word, so a match next to it is part of a longer word.
 *  Checked per candidate in JS: a `u`-flag lookbehind in the big regex costs 5–15× (DESIGN.md). */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  // ASCII answered without the Unicode-property regex: most neighbours are spaces and letters.
  if (code < 0x80)
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39) ||
      code === 0x5f
    );
  return WORD_CHAR.test(ch);
}

/** Arabic, Persian, Pashto and Urdu letters (the Arabic block and its supplements). */
export function isArabicScript(ch: string | undefined): boolean {
  return ch !== undefined && /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/.test(ch);
}

/** Han and kana: written without spaces, so a name in them has no word boundary to check. */
export function isUnspacedScript(ch: string | undefined): boolean {
  return ch !== undefined && /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(ch);
}

/** Characters that may sit inside a word without changing it: the invisible soft hyphen,
 *  zero-width space, word joiner and BOM, and in Arabic script the optional vowel marks
 *  (harakat) and the tatweel that stretches a word for justification (بگـــرام). The matcher
 *  reads text without them (keeping offsets), as search engines do. */
// Each mark is matched on its own on purpose (to read past it), not as part of a letter.
// eslint-disable-next-line no-misleading-character-class
export const INVISIBLE = /[\u00ad\u200b\u2060\ufeff\u0640\u064b-\u065f\u0670]/;
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');
/** Arabic vowel marks, which belong to the letter before them (and so to a mention ending there). */
export const ARABIC_MARK = /[\u064b-\u065f\u0670]/;

/** `text` without invisible characters, and for each index of the result its index in `text`
 *  (one extra entry for the end). Null when there is nothing to remove. */
export function withoutInvisible(text: string): { text: string; origin: number[] } | null {
  if (!INVISIBLE.test(text)) return null;
  const origin: number[] = [];
  let out = '';
  let last = 0;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) {
    for (let i = last; i < m.index; i++) origin.push(i);
    out += text.slice(last, m.index);
    last = m.index + 1;
  }
  for (let i = last; i < text.length; i++) origin.push(i);
  out += text.slice(last);
  origin.push(text.length);
  return { text: out, origin };
}
