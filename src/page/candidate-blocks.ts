import { INVISIBLE, isWordChar } from '../match/normalize';
import {
  BlockClassifier,
  ELEMENT_NODE,
  goesOnUnder,
  holdsNoProse,
  holdsReading,
  inAnnotation,
  NOT_BLANK,
  openWalk,
  SHOW_TEXT,
  TEXT_NODE,
} from './text-blocks';
import type { Slice } from './yield-to-page';

/** Returned by CandidateBlockWalker.next() every so many text nodes without a candidate, so
 *  the caller can look at the clock. */
export const PAUSE = 'pause';
const NODES_PER_PAUSE = 256;

/**
 * The blocks under `root` that might hold a mention, in document order: the text nodes are
 * walked with a bare TreeWalker (no filter callback, no elements) and each is tested with the
 * prefilter, which is about what the floor of the benchmark does (a walk plus one regex).
 * Only the blocks that pass are read into runs and matched, so on a long page the cost of
 * building runs follows the mentions, not the length of the page.
 *
 * A block may come more than once (once per passing text node); callers skip repeats. Text
 * in skipped elements (script, form fields, editable regions) is tested but yields nothing.
 */
export class CandidateBlockWalker {
  private readonly walker: TreeWalker | null;
  #node: Node | null;
  /** The word piece the previous text node ended with, if it ended inside a word. */
  #carry = '';
  /** The walk came to its end while not following: it finds nothing more (what is added to
   *  the page afterwards, or moved, reaches the scanner through the watcher's batches). */
  #ended = false;

  constructor(
    readonly root: Node,
    readonly mightMatch: (text: string) => boolean,
    /** Replaced by a walk that goes on in a later task: its memo may no longer hold. */
    public classifier = new BlockClassifier(),
    from?: Node,
  ) {
    ({ walker: this.walker, node: this.#node } = openWalk(root, SHOW_TEXT, classifier, from));
  }

  /** While the page loads, null from next() means "nothing more yet": the walk keeps its
   *  place and goes on from there as the parser adds nodes (and so does the walk's next call
   *  once it no longer follows, the page parsed). */
  following = false;

  /** The last element passOver found a key word in. */
  #holding: Node | null = null;

  /** Where the walk stands: the next node to test, or the last one it tested. Nodes the
   *  parser adds later come after it. */
  position(): Node | null {
    return this.#node ?? this.walker?.currentNode ?? null;
  }

  /** False when the page moved or removed the node the walk would go on from. */
  intact(): boolean {
    return goesOnUnder(this.root, this.#node);
  }

  /** The node the walk goes on from (null at its end, while following a page that had no
   *  text yet, or after passing over everything the parser had finished: the walk then stands
   *  on the last node it passed, and goes on after it). */
  get place(): Node | null {
    return this.#node;
  }

  /** The next candidate block, PAUSE, or null at the end. */
  next(): Element | typeof PAUSE | null {
    const { walker, mightMatch, classifier } = this;
    if (this.#ended) return null;
    // A walk without a place that has not ended followed a page that had no text yet: the
    // parser may have added some since, after the walker's node. (The page's last step, which
    // no longer follows, goes on from there too: what the parser added last was left to it.)
    let node = this.#node ?? (walker ? walker.nextNode() : null);
    // The elements the parser may still add to (the last node's ancestors) while following;
    // none once the page is parsed.
    // (A walk of a few blocks, a batch of the page's changes, makes no set.)
    let open: Set<Node> | null = walker && NONE;
    if (walker && this.following) {
      open = new Set();
      let last: Node = this.root;
      while (last.lastChild) last = last.lastChild;
      for (let n: Node | null = last; n; n = n.parentNode) open.add(n);
    }
    for (let n = 0; node; n++) {
      if (n >= NODES_PER_PAUSE) {
        this.#node = node;
        return PAUSE;
      }
      const text = node as Text;
      // At the start of an element the parser has finished, that element and its finished
      // siblings are tested whole, and passed over while they hold no key word.
      const passed = open && text.previousSibling === null ? this.#passOver(text, open, walker!) : 0;
      if (passed) {
        n += passed;
        node = walker!.nextNode();
        if (node === null && this.following) {
          this.#node = null;
          return null;
        }
        continue;
      }
      node = walker ? walker.nextNode() : null;
      if (node === null && this.following && walker) {
        // The last node of a page still loading: the parser may yet add to its text, so it
        // is tested on the next call (see following).
        walker.currentNode = text;
        this.#node = text;
        return null;
      }
      const data = text.data;
      if (data.length === 0) continue;
      // A ruby's reading between two characters of a name (`巴<rt>bā</rt>格…`) is no part of
      // its words (the run walker leaves it out): the word piece before it carries over it.
      // (Looked at only inside a word: the parent's tag, most often, and no regex.)
      if (this.#carry !== '' && text.parentElement && inAnnotation(text.parentElement, classifier)) continue;
      // A word cut across inline elements (`<span class="dropcap">B</span>agram`) is tested
      // joined to the word piece before it: the key word may lie across the cut.
      const joined = this.#carry !== '' && continuesWord(data[0]);
      const carry = this.#carry;
      this.#carry = trailingWord(data, carry);
      if (mightMatch(data) || (joined && mightMatch(carry + data.slice(0, CARRY_CHARS)))) {
        const parent = text.parentElement;
        const block = parent ? classifier.blockOf(parent) : null;
        if (block) {
          this.#node = node;
          return block;
        }
      }
    }
    this.#node = null;
    this.#ended = !this.following;
    return null;
  }

  /**
   * Passes over the finished element that `text` begins, and its finished siblings after it,
   * while each holds no key word: one textContent and one prefilter test each, where the walk
   * node by node reads and tests every text node in them, each of which needs a wrapper in
   * the content script's world (on a page without mentions that walk cost about twice as
   * much). Leaves `walker` on the last node passed over,
   * deepest last, and returns how many nodes were looked at: 0 (and `walker` as it was) when
   * the first holds a key word, is still being parsed, or `text` begins none.
   */
  #passOver(text: Text, open: Set<Node>, walker: TreeWalker): number {
    // The highest element that `text` begins, below the walk's root, that the parser is done
    // with; not a large one (a page's wrapper, its main column), which is gone into: read
    // whole to find a key word anywhere in it, it would cost what reading all of it costs.
    let unit: Node = text;
    for (
      let up = unit.parentNode;
      up && up !== this.root && up.firstChild === unit && !open.has(up) && !isLarge(up as Element);
      up = up.parentNode
    ) {
      unit = up;
    }
    // (The element that held a key word last time is walked, not tested again; so is every
    // element of a page with ruby readings, which textContent reads in between letters.)
    if (unit === text || unit === this.#holding || holdsReading(this.root)) return 0;
    let last: Node | null = null;
    let count = 0;
    for (let at: Node | null = unit; at && count < NODES_PER_PAUSE && !open.has(at); at = at.nextSibling, count++) {
      if (at.nodeType === TEXT_NODE) {
        const data = (at as Text).data;
        if (NOT_BLANK.test(data)) break;
        // (White space ends a word; an empty node, as the walk node by node has it, does not.)
        if (data !== '') this.#carry = '';
      } else if (at.nodeType === ELEMENT_NODE) {
        if (isLarge(at as Element)) break;
        if (!holdsNoProse(at, this.classifier)) {
          const content = at.textContent!;
          // (Joined to the word piece before it, when it goes on with that word.)
          if (this.mightMatch(this.#carry !== '' && continuesWord(content[0]) ? this.#carry + content : content)) {
            this.#holding = at;
            break;
          }
          // (An element without text, an image, leaves a word piece before it as it was.)
          if (content !== '') this.#carry = trailingWord(content, this.#carry);
        }
      }
      // (Comments pass, as would a CDATA section of an XHTML page, which the walk node by node
      // does not show either. Inside a tested element one's text is in textContent, where the
      // walk leaves it out: a word cut across it there could be missed; happy-dom makes none.)
      last = at;
    }
    if (last === null) return 0;
    while (last.lastChild) last = last.lastChild;
    walker.currentNode = last;
    return count;
  }
}

/** No element still being parsed: the page is. */
const NONE = new Set<Node>();
/** Elements under one past which a walk goes into it rather than test it whole: a section of
 *  a long article is tested whole, the article block by block. */
const LARGE = 64;
/** Text longer than this (about 0.2 ms of prefilter) is not tested whole by holdsNoKeyWord. */
export const LONG_TEXT = 1e5;

/** More elements under `el` than LARGE (counted natively, no further than that, and without
 *  reading any text). */
function isLarge(el: Element): boolean {
  // (Counted only past a few children, or where one of the outer two has its own: most
  // elements here are paragraphs, and the count cost the 1 MB page 2 ms over its 1,400.)
  const few =
    el.childElementCount < 3 && !el.firstElementChild?.firstElementChild && !el.lastElementChild?.firstElementChild;
  return !few && !!el.getElementsByTagName('*')[LARGE];
}

/** True when `root` holds no key word anywhere in text that may be marked (a script, a style
 *  or an editor holds none), so a walk over it would find no candidate: one textContent and one
 *  test, where the walk sets up a TreeWalker and tests each text node (most of a feed's new
 *  paragraphs). A text root is tested like an element (one a script put beside <body>, whose
 *  block's other words are roots beside it; a key word cut across two of them is missed, as
 *  their walks, each from its own start, missed it before). A long text (a single-page app's
 *  new view, a log's thousands of lines) is left to the walk, which is sliced: tested at once,
 *  it would be one long task, and read again, by parts, if it held a key word. */
export function holdsNoKeyWord(
  root: Node,
  mightMatch: (text: string) => boolean,
  classifier: BlockClassifier,
): boolean {
  if (holdsNoProse(root, classifier)) return true;
  // (Ruby readings are read in between the letters: walked. A query, not holdsReading's
  // collections: a new root each time, and a wrapper for each.)
  if ((root as Element).querySelector?.('rt, rp')) return false;
  const text = root.textContent!;
  return text.length <= LONG_TEXT && !mightMatch(text);
}

/** Where a walk goes on after a yield: from its place (true), from another node (`from`; null:
 *  nothing is left), or from the top ('moved'). */
export type PlaceAfterYield = true | { from: Node | null } | 'moved';

/** Removals in one yield past which the walk starts over rather than check them all. */
const MAX_RECORDS = 10_000;

/** Yields like `slice.yield` (false: aborted), and says where a walk under `root` that was to go
 *  on from `at` goes on. A script may have taken `at`, or a node holding it, out of the page,
 *  or moved it further down, where a walk going on from it would skip what lies between: no
 *  look afterwards can tell that from a node left in place, so the changes are watched. */
export async function yieldWatching(
  slice: Slice,
  signal: AbortSignal,
  root: Node,
  at: Node | null,
): Promise<false | PlaceAfterYield> {
  let taken: MutationRecord | null = null;
  /** The removals, to check the node to go on from against (up to MAX_RECORDS of them). */
  const removals: NodeList[] = [];
  let tooMany = false;
  const watch = (records: MutationRecord[]) => {
    for (const record of records) {
      const removed = record.removedNodes;
      if (removed.length === 0) continue;
      if (removals.length < MAX_RECORDS) removals.push(removed);
      else tooMany = true;
      if (taken === null && at !== null && holdsNode(removed, at)) taken = record;
    }
  };
  const observer = new MutationObserver(watch);
  observer.observe(root, { childList: true, subtree: true });
  const going = await slice.yield(signal);
  watch(observer.takeRecords());
  observer.disconnect();
  if (!going) return false;
  if (taken === null) return true;
  return tooMany ? 'moved' : placeAfter(taken, removals, root);
}

/** After `taken` took the walk's place out: from the node that followed the one taken out, if
 *  the page left that one in place (the one taken out comes back, wherever it went, through
 *  the watcher's batches, like anything added); else from the top. */
function placeAfter(taken: MutationRecord, removals: readonly NodeList[], root: Node): PlaceAfterYield {
  const stays = (node: Node) => root.contains(node) && !removals.some((removed) => holdsNode(removed, node));
  const next = taken.nextSibling;
  if (next) return stays(next) ? { from: next } : 'moved';
  // It was the last in its parent: after the parent, if the parent stayed where it was (had it
  // moved, what lies after it now is not what lay after it then).
  if (!stays(taken.target)) return 'moved';
  const from = nodeAfter(taken.target, root);
  return from === null || stays(from) ? { from } : 'moved';
}

/** The first node after `node`'s subtree in document order, within `root`. */
function nodeAfter(node: Node, root: Node): Node | null {
  for (let n: Node | null = node; n && n !== root; n = n.parentNode) if (n.nextSibling) return n.nextSibling;
  return null;
}

/** True when one of `nodes` is `node` or holds it. */
export function holdsNode(nodes: NodeList, node: Node): boolean {
  for (let i = 0; i < nodes.length; i++) if (nodes[i]!.contains(node)) return true;
  return false;
}

/** Longer than any key word, so a cut one is seen whole in the joined text. */
const CARRY_CHARS = 40;

/** A letter, or a soft hyphen or other invisible character that may sit inside a word. */
function continuesWord(ch: string | undefined): boolean {
  // Invisible characters are all above U+00A0: most text ends in ASCII, answered without a regex.
  return isWordChar(ch) || (ch !== undefined && ch.charCodeAt(0) > 0xa0 && INVISIBLE.test(ch));
}

/** The word `data` ends with (joined to `carry` when `data` is all one word piece), or ''. */
function trailingWord(data: string, carry: string): string {
  let start = data.length;
  while (start > 0 && continuesWord(data[start - 1])) start--;
  if (start === data.length) return '';
  return start === 0 ? (carry + data).slice(-CARRY_CHARS) : data.slice(Math.max(start, data.length - CARRY_CHARS));
}
