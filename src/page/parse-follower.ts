// Marks a page while it is still loading. The content script starts at document_start; as the
// parser adds nodes, the text it has finished is prefiltered and matched, so by the time the
// page is fully parsed (DOMContentLoaded) only its last stretch is left. On a 5 MB page the
// parser hands the main thread back only a handful of times, so each step takes what is new.
//
// The parser only ever appends after the walk's place, into the elements it still has open.
// Two things it adds to are left until they are complete:
//   - the last text node (the parser may append more characters to it);
//   - a candidate block that still contains the document's last node (more of its text may
//     come).
// Anything else that changes text the walk has passed (a page script, a table's foster
// parenting) is told apart by behind() and goes through the ordinary mutation batches.
import { CandidateBlockWalker, holdsNode, PAUSE } from './candidate-blocks';
import type { PageScanner } from './page-scanner';
import { TEXT_NODE } from './text-blocks';
import { BEFORE_PAINT_MS, Slice } from './yield-to-page';

/**
 * A page whose parser has made this many records (one per node it adds) with less than
 * TEXT_PER_NODE characters of text per node is given up until DOMContentLoaded, and then
 * scanned whole. A watched document makes the parser pay for a record per node, and our work
 * on each costs more: on a page of 340,000 table cells this took the parser's last stretch
 * past its time slice; the browser laid the unfinished table out in between, and again once it
 * was parsed, and DOMContentLoaded came 3 s later (4.6–5.3 s against 1.6–2.2 s). A page of
 * many nodes with little text each (a table, a long list) is where the parser spends its time
 * on nodes; an article's paragraphs hold hundreds of characters each (the benchmark's 5 MB
 * article: 150 a node, its 2 MB thread of 33,000 lines: 30). What was marked before the page
 * was given up (its first screens) stays marked meanwhile.
 */
const FOLLOWED_RECORDS = 20_000;
const TEXT_PER_NODE = 12;

const DISCONNECTED = 1; // Node.DOCUMENT_POSITION_DISCONNECTED
const PRECEDING = 2; // Node.DOCUMENT_POSITION_PRECEDING
const CONTAINS = 8; // Node.DOCUMENT_POSITION_CONTAINS
/** Records checked against removals per delivery (see behind): about a millisecond. */
const MOVE_CHECKS = 10_000;

export class ParseFollower {
  private walker: CandidateBlockWalker | null = null;
  /** Candidate blocks the parser is still filling. */
  readonly #open = new Set<Element>();
  /** Candidate blocks matched while the page loads, with their text then: a block the parser
   *  (or a script) added to afterwards is matched again. Null for a block matched, or found
   *  unchanged, once the page was parsed: a change after that reaches the scanner through the
   *  watcher's batches, and a block of megabytes need not be read again to compare. */
  readonly #matched = new Map<Element, string | null>();
  /** A node found after the walk's place (not around it) in the delivery being sorted: the
   *  records after it are placed against it (see spotAhead). Forgotten at each delivery: the
   *  page may change between two, and the walk moves on. */
  #aheadOf: Node | null = null;
  /** A script moved the walk's place further down the page (see behind). */
  #displaced = false;
  /** Steps started so far: a step that finds a later one started has been overtaken. */
  #runs = 0;
  #finished = false;
  /** Records of the parser's insertions so far (see outgrown). */
  #made = 0;
  readonly #doc: Document;

  constructor(
    private readonly scanner: PageScanner,
    doc: Document,
  ) {
    this.#doc = doc;
  }

  /** Counts `records` more of the parser's records, and tells whether the page has just
   *  outgrown following (see FOLLOWED_RECORDS): looked at once, when they reach that many. */
  outgrown(records: number): boolean {
    if (this.#made >= FOLLOWED_RECORDS || (this.#made += records) < FOLLOWED_RECORDS) return false;
    return this.#made * TEXT_PER_NODE > (this.#doc.body?.textContent?.length ?? 0);
  }

  /** Ends the following without a last step (the page is scanned another way). */
  stop(): void {
    this.#finished = true;
    this.#runs++; // a step in flight ends at its next look
    this.#matched.clear();
    this.#open.clear();
    this.walker = null;
  }

  /** True once a step has walked part of the page. */
  get started(): boolean {
    return this.walker !== null;
  }

  /**
   * Walks what the parser added since the last step and matches the candidate blocks it
   * has finished; with `final` (the document is parsed), everything left, in a first stretch
   * counted from `since` (the work just before it at DOMContentLoaded). Resolves false if
   * `signal` aborted.
   */
  async step(final: boolean, signal: AbortSignal, since?: number): Promise<boolean> {
    const body = this.#doc.body;
    if (!body || this.#finished) return true;
    this.#finished = final;
    // The last step does not wait for one that yielded midway (its rest would come after the
    // first paint): that one stops when it gets the thread back (once it has read to its end
    // a long block it was in), and this one goes on from the same place. No step comes after
    // the last.
    const run = ++this.#runs;
    // The last step runs as DOMContentLoaded is dispatched (see BEFORE_PAINT_MS).
    const slice = new Slice(final ? BEFORE_PAINT_MS : undefined, since);
    // (First: a long block read here yields, and the page may take the walk's place meanwhile,
    // which is looked at next; found by a review.)
    if (!(await this.#matchClosed(final, slice, signal, run))) return false;
    if (run !== this.#runs) return true;
    const restart = () => {
      this.#displaced = false;
      return (this.walker = new CandidateBlockWalker(body, this.scanner.mightMatch, slice.classifier));
    };
    // A script removed our place, or replaced the body: walk again from the top (a block
    // matched already is matched again only if its text changed).
    let walker =
      this.walker && this.walker.intact() && !this.#displaced && this.walker.root === body ? this.walker : restart();
    walker.following = !final;
    // Elements classified in an earlier step may have been moved since: a word moved into a
    // later paragraph must make that paragraph the candidate, not the one it left.
    walker.classifier = slice.classifier;
    // The walk brings a block back for each of its text nodes that passes the prefilter: each
    // is looked at once per stretch (reading a long block's whole text at every one of its
    // mentions made a 2 MB paragraph cost 140 ms).
    const seen = new Set<Element>();
    for (let block = walker.next(); block; block = walker.next()) {
      let yielded = false;
      if (block !== PAUSE && !seen.has(block)) {
        seen.add(block);
        if (!this.#matchedAsIs(block)) {
          if (!final && block.contains(lastNode(this.#doc))) this.#open.add(block);
          else {
            // A long block is read to its end, with yields, before anything else (even by a
            // step overtaken meanwhile: the last step passes over it as matched).
            const done = this.#match(block, slice, signal);
            if (done !== true && !(yielded = await done)) return false;
          }
        }
      }
      if (!yielded && slice.over()) {
        if (!(await slice.yield(signal))) return false;
        yielded = true;
      }
      if (yielded) {
        seen.clear();
        if (run !== this.#runs) return true;
        if (!walker.intact() || this.#displaced) {
          // While the page loads, a step the page keeps disturbing ends there rather than
          // hold up the parser with one long walk: the next step, or the last, goes on.
          if (!slice.restarted() && !final) return true;
          walker = restart();
          walker.following = !final;
        }
      }
    }
    if (!(await this.#matchClosed(final, slice, signal, run))) return false;
    if (final) {
      // The parser may have added to a block after it was matched without adding a text node
      // that passes the prefilter (more letters to its last word, text after a script put an
      // element behind it): the blocks whose text changed are matched again.
      for (const block of [...this.#matched.keys()]) {
        if (!this.#matchedAsIs(block) && !(await this.#match(block, slice, signal))) return false;
        if (slice.over() && !(await slice.yield(signal))) return false;
      }
      // Parsing is over and so is this follower: let the page's elements go.
      this.#matched.clear();
      this.walker = null;
    }
    return true;
  }

  /**
   * The records of one delivery that change what the walk has already passed, which the
   * ordinary mutation batches must handle. The parser's own insertions land after the walk's
   * place and are left to the next step. Anything in another tree (a shadow root) counts, and
   * everything does once the walk's place has left the document.
   */
  behind(records: readonly MutationRecord[]): MutationRecord[] {
    const at = this.walker?.position();
    if (!at) return [];
    if (!at.isConnected) return [...records];
    // Within a delivery the page stands still (its records come after the script that made
    // them), but not between two: a script may have moved the spot found ahead up the page.
    this.#aheadOf = null;
    const behind: MutationRecord[] = [];
    // Each record is placed by a node next to its change as it was made, and a script may
    // move that node before the records reach us: it adds a paragraph after another, then
    // moves that one down the page. A later record here that takes the node from behind the
    // walk tells so, and the change left to the walk goes to the batches after all.
    // (Two flat lists, not a pair per record: a 5 MB page's parser makes 25,000 of them.)
    const left: Array<MutationRecord | null> = [];
    const spots: Node[] = [];
    // Each removal behind is checked against every record left so far: a script that moves
    // thousands of nodes from behind the walk to ahead of it in one task would make that
    // quadratic. Past a budget, everything left goes to the batches (each block rescanned once).
    let checks = 0;
    const sending: MutationRecord[] = [];
    const send = (record: MutationRecord): void => {
      sending.push(record);
      for (let next = sending.pop(); next; next = sending.pop()) {
        behind.push(next);
        const removed = next.type === 'childList' ? next.removedNodes : null;
        if (!removed?.length) continue;
        // A node around the walk's place was moved down the page: what now stands between
        // its old spot and the new one was never walked, and no record names it.
        this.#displaced ||= holdsNode(removed, at);
        checks += left.length * removed.length;
        for (let i = 0; i < left.length; i++) {
          const other = left[i];
          if (other && (checks > MOVE_CHECKS || holdsNode(removed, spots[i]!))) {
            left[i] = null;
            sending.push(other);
          }
        }
        if (checks > MOVE_CHECKS) left.length = spots.length = 0;
      }
    };
    for (const record of records) {
      const spot = this.#spotAhead(record, at);
      if (spot) {
        left.push(record);
        spots.push(spot);
      } else send(record);
    }
    return behind;
  }

  /** The node that places `record` after the walk's place `at`, or null when the record is
   *  behind it. */
  #spotAhead(record: MutationRecord, at: Node): Node | null {
    // Nodes added or removed stood right after their previous sibling's subtree, or first in
    // the target; changed text stands where its node is (its record's sibling is null, so the
    // record's type need not be read: the parser makes 100,000 records for a 2 MB thread).
    const previous = record.previousSibling;
    const spot = previous ?? record.target;
    // A change to the text node the walk stands on after passing over everything finished:
    // tested already (where the node it stands on is otherwise the next to test), so behind.
    // (Found by a review.)
    if (spot === at && at.nodeType === TEXT_NODE && this.walker?.place === null) return null;
    // The parser adds right after, or into, what it added just before: placed against the
    // last spot found ahead, which is a step or two away. Against the walk's place, two
    // children of one element are compared by crawling the siblings between them, and for an
    // article's paragraphs appended one by one after that place it was quadratic (5 ms per
    // 5 MB page).
    const ahead = this.#aheadOf;
    if (ahead !== null) {
      const position = ahead === spot ? 0 : ahead.compareDocumentPosition(spot);
      // The spot is that node, inside it or after it, or (adding after it) around it.
      const after = (position & PRECEDING) === 0 || (previous !== null && (position & CONTAINS) !== 0);
      if ((position & DISCONNECTED) === 0 && after) {
        if ((position & CONTAINS) === 0) this.#aheadOf = spot;
        return spot;
      }
    }
    // Behind the walk if the spot comes before its place. (Where the walk has not been, a
    // removal leaves nothing to drop.)
    const position = at.compareDocumentPosition(spot);
    if ((position & DISCONNECTED) !== 0) return null;
    if ((position & CONTAINS) !== 0) return previous === null ? null : spot; // first in an ancestor of the place
    if ((position & PRECEDING) !== 0) return null;
    this.#aheadOf = spot;
    return spot;
  }

  /** True when `block` was matched and its text has not changed since (once the page is
   *  parsed, its text is not looked at again: see `matched`). */
  #matchedAsIs(block: Element): boolean {
    const text = this.#matched.get(block);
    if (text === undefined) return false;
    if (text === null) return true;
    if (text !== block.textContent) return false;
    if (this.#finished) this.#matched.set(block, null);
    return true;
  }

  /** Matches `block`, with yields if it is long: a promise then, false if `signal` aborted.
   *  (Most blocks take no yield, and no await: a step matches hundreds.) */
  #match(block: Element, slice: Slice, signal: AbortSignal): true | Promise<boolean> {
    this.#open.delete(block);
    if (!block.isConnected) return true;
    this.#matched.set(block, this.#finished ? null : block.textContent!);
    const rest = this.scanner.scanBlock(block, slice);
    return !rest || this.scanner.finishBlock(rest, slice, signal);
  }

  /** Matches the open blocks the parser has finished since (all of them when `final`), in
   *  step `run` (which stops there once a later step has started). Resolves false if `signal`
   *  aborted. */
  async #matchClosed(final: boolean, slice: Slice, signal: AbortSignal, run: number): Promise<boolean> {
    if (this.#open.size === 0) return true;
    const last = lastNode(this.#doc);
    for (const block of [...this.#open]) {
      if (run !== this.#runs) return true;
      if ((final || !block.contains(last)) && !(await this.#match(block, slice, signal))) return false;
    }
    return true;
  }
}

/** The last node in document order: the parser's insertion point is at or around it. */
function lastNode(doc: Document): Node {
  let node: Node = doc;
  while (node.lastChild) node = node.lastChild;
  return node;
}
