// One regex for many aliases, with shared beginnings factored out:
//   Bagram(?: Air(?: Base| Field)|Airfield| base)?
// A flat `a|b|c…` alternation of ~250 aliases and cue words ran at 50 MB/s in V8: at every
// position the engine tried each alternative in turn. Factored as a trie it first tests one
// character against the set of possible first characters.

interface Node {
  children: Map<string, Node>;
  terminal: boolean;
  /** Most atoms below this node: deeper branches go first, so longer aliases win. */
  depth: number;
}

const node = (): Node => ({ children: new Map(), terminal: false, depth: 0 });

/** A regex source matching any of `alternatives`, each given as its sequence of atoms (regex
 *  fragments that stand alone: a character, a class, a group). Matches what `a|b|…` matches,
 *  preferring longer alternatives. */
export function factoredSource(alternatives: readonly (readonly string[])[]): string {
  return emit(trie(alternatives));
}

function trie(alternatives: readonly (readonly string[])[]): Node {
  const root = node();
  for (const atoms of alternatives) {
    let at = root;
    atoms.forEach((atom, i) => {
      at.depth = Math.max(at.depth, atoms.length - i);
      let next = at.children.get(atom);
      if (!next) at.children.set(atom, (next = node()));
      at = next;
    });
    at.terminal = true;
  }
  return root;
}

function branches(n: Node): string[] {
  return [...n.children].sort(([, a], [, b]) => b.depth - a.depth).map(([atom, child]) => atom + emit(child));
}

function emit(n: Node): string {
  const all = branches(n);
  if (all.length === 0) return '';
  const body = all.length === 1 && !n.terminal ? (all[0] ?? '') : `(?:${all.join('|')})`;
  return n.terminal ? `${body}?` : body;
}

/** What the gate of gatedSource turns away: a character below U+0400. (Its source holds U+03FF
 *  itself, not its escape: the content script carries it three times.) */
const BELOW_GATE = new RegExp('[\\0-\u03ff]', 'i');

/** factoredSource's regex, with the alternatives that begin at U+0400 or above (Cyrillic,
 *  Arabic, Devanagari, Han) behind one look at the character they would begin at. In text of
 *  two-byte characters (one curly quotation mark is enough, and news is full of them) V8 tried
 *  each of those alternatives at every position. Chromium 156, a megabyte of English in quotes
 *  (paragraph by paragraph): the prefilter's regex 6.5–6.7 → 4.7–5.2 ms, the matcher's 18.0 →
 *  13.5 ms; in plain ASCII, 2.1–2.4 ms either way and 9.1–9.2 → 9.7 ms. */
export function gatedSource(alternatives: readonly (readonly string[])[]): string {
  // Gated by its first letter, or every letter of a class of its variants (`[کك]ابل`), where
  // none is one the `i` flag folds below U+0400 (ⱥ, whose capital is Ⱥ, U+023A): the gate,
  // under the same flag, would turn such a letter away.
  const gated = ([first = '']: readonly string[]) => {
    const letters = first.startsWith('[') ? first.slice(1, first.indexOf(']')) : first.charAt(0);
    return letters !== '' && !BELOW_GATE.test(letters);
  };
  const latin = alternatives.filter((atoms) => !gated(atoms));
  const rest = alternatives.filter(gated);
  // (An empty alternative makes the whole optional: the plain trie says so.)
  if (rest.length === 0 || alternatives.some((atoms) => atoms.length === 0)) return factoredSource(alternatives);
  // (One group: the Latin branches side by side with the gated ones.)
  const gate = `(?!${BELOW_GATE.source})`;
  return `(?:${[...branches(trie(latin)), gate + factoredSource(rest)].join('|')})`;
}
