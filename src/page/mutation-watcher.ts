import { HOST_TAG } from './host-tag';
import { BlockClassifier, ELEMENT_NODE, isEmptyInline, isInlineElement, NOT_BLANK, TEXT_NODE } from './text-blocks';
import { after } from './timers';

/** What changed since the last batch: the smallest set of roots to rescan. */
export interface MutationBatch {
  roots: Node[];
  /** Blocks whose own text (not the blocks nested in them) changed around a node put in or
   *  taken out, or in a text node: each is read again, and its nested blocks are not (a feed's
   *  container whose words a change may join holds 10,000 paragraphs that it leaves as they
   *  were). */
  ownText: Element[];
  /** The roots of the removed subtrees (the mentions to drop are under them). */
  removedNodes: Node[];
}

export interface MutationWatcher {
  /** Starts watching the document, if it was not yet (see `loading`). */
  watch(): void;
  /** Stops watching until the next watch() (open shadow roots too). */
  pause(): void;
  /** Watches an open shadow root too (a subtree observer stops at shadow roots). */
  observe(root: ShadowRoot): void;
  /** Sorts the records the observer holds but has not delivered yet, now, as a delivery
   *  would (see the loading hooks). */
  sortPending(): void;
}

/**
 * One batched watcher (uBlock Origin's pattern): records are queued and handled once per
 * frame, never inside the observer callback, and only changed blocks are rescanned.
 */
export function watchMutations(
  doc: Document,
  onBatch: (batch: MutationBatch) => void,
  signal: AbortSignal,
  /** Called at once, inside the observer callback (so before the page paints), for each text
   *  node whose data changed: a StaticRange over it now covers other letters, and a page that
   *  re-renders every few ms would show marks on the wrong words until the batch runs. */
  onTextChanged: (node: Text) => void = () => {},
  /** While the page loads, the parse follower takes the parser's own insertions: `behind`
   *  says which records of a delivery still go into batches; `onSkipped` hears of the others.
   *  The document is then watched from the first watch() call, the follower's first step:
   *  nothing is behind a walk not yet started, and a page parsed in one piece would make a
   *  record for each of its nodes (about 7,000 for the benchmark's 1 MB page) only to drop them. */
  loading?: { behind(records: MutationRecord[]): MutationRecord[]; onSkipped(): void },
): MutationWatcher {
  let queue: MutationRecord[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (signal.aborted) return;
    const records = queue;
    queue = [];
    const batch = toBatch(records);
    if (batch.roots.length || batch.ownText.length || batch.removedNodes.length) onBatch(batch);
  };
  const sort = (records: MutationRecord[]) => {
    // Marks on changed text go at once, whoever rescans the text afterwards.
    let edited = false;
    for (const record of records) {
      // (Read once: the parser makes 100,000 records for a 2 MB thread.)
      const type = record.type;
      if (type === 'characterData') onTextChanged(record.target as Text);
      else if (type === 'attributes') edited = true;
    }
    // An element made editable (or no longer) is the reader's text now (or again): its own
    // batch, whoever follows the parser.
    const edits = edited ? records.filter((record) => record.type === 'attributes') : [];
    const rest = edited ? records.filter((record) => record.type !== 'attributes') : records;
    const behind = loading ? loading.behind(rest) : rest;
    if (behind.length < rest.length) loading?.onSkipped();
    const kept = edited ? [...edits, ...behind] : behind;
    // One loop, no `queue.push(...kept)`: a page that makes 200,000 changes in one task
    // would overflow the call's argument limit, and the batch would be lost.
    const queued = queue.length;
    for (const record of kept) queue.push(record);
    if (queue.length > queued && !scheduled) {
      scheduled = true;
      // rAF pauses in background tabs; a delayed task still runs there (throttled, which is fine).
      after(16, flush);
    }
  };
  const observer = new MutationObserver(sort);
  const options = {
    childList: true,
    subtree: true,
    characterData: true,
    attributeFilter: ['contenteditable'],
    attributeOldValue: true,
  };
  let watching = false;
  const watch = () => {
    if (watching || signal.aborted) return;
    watching = true;
    observer.observe(doc, options);
  };
  if (!loading) watch();
  signal.addEventListener('abort', () => {
    observer.disconnect();
    queue = [];
  });
  return {
    watch,
    pause() {
      observer.disconnect();
      watching = false;
    },
    observe(root) {
      if (!signal.aborted) observer.observe(root, options);
    },
    sortPending() {
      if (!signal.aborted) sort(observer.takeRecords());
    },
  };
}

/** What a contenteditable value makes of its element (see isEditableRoot in text-blocks.ts). */
const editable = (value: string | null) => value !== null && value !== 'false';

function isOurs(node: Node): boolean {
  return (node as Element).localName === HOST_TAG;
}

function toBatch(records: MutationRecord[]): MutationBatch {
  const classifier = new BlockClassifier();
  const roots = new Set<Node>();
  const ownText = new Set<Element>();
  const removedNodes: Node[] = [];
  const blockOf = (node: Node): Element | null => {
    const el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
    return el ? classifier.blockOf(el) : null;
  };
  // Each node is judged against the page as the whole batch left it (see apart), and a change
  // inside a node the batch then took out reaches us too (its target no longer in the page):
  // that node's content is then not as it was when it went.
  let changedGone = false;
  /** Nodes the batch put in (or moved): none stands for a boundary beside another change, it
   *  may not have been there when that change came (see apart). */
  const put = new Set<Node>();
  /** Nodes whose children or text the batch changed: one taken out did not hold then what it
   *  holds now. */
  const changed = new Set<Node>();
  /** Where each run of nodes put in side by side ends (a node put in again and again at the
   *  head of a long run, a chat's "loading" marker, walks it once). */
  const runEnds = new Map<Node, Node | null>();
  for (const record of records) {
    changedGone ||= !record.target.isConnected;
    changed.add(record.target);
    for (const node of record.addedNodes) put.add(node);
  }
  for (const record of records) {
    if (record.type === 'attributes') {
      // contenteditable set or cleared: the marks in it go, or come back, with a rescan of
      // its block (an inline piece made editable may hold half of a mention).
      const el = record.target as Element;
      if (isOurs(el) || editable(record.oldValue) === editable(el.getAttribute('contenteditable'))) continue;
      const block = isInlineElement(el) && el.parentElement ? classifier.blockOf(el.parentElement) : el;
      if (block) roots.add(block);
      continue;
    }
    if (record.type === 'characterData') {
      const block = blockOf(record.target);
      if (block) ownText.add(block);
      continue;
    }
    const target = record.target;
    let joinsText = false;
    for (const node of record.addedNodes) {
      if (isOurs(node)) continue;
      // Each node put in is scanned (its nested blocks too); one that may join or part words
      // with its neighbours has its block's own text read again as well (see apart). Nodes put
      // in side by side are judged as one run too, at its first, by what stands around it: two
      // blocks put between two pieces of a name stand beside each other, but part the name.
      // (Each neighbour read once, and none once the block is to be read again: the content
      // script's world pays for every node it reads.)
      const before = node.previousSibling;
      if (!joinsText && !put.has(before!)) {
        let end = runEnds.get(node);
        if (end === undefined) {
          for (end = node.nextSibling; end && put.has(end);) end = end.nextSibling;
          runEnds.set(node, end);
        }
        joinsText =
          !boundaryOn(before, 'previousSibling', target, classifier, put) &&
          !boundaryOn(end, 'nextSibling', target, classifier, put);
      }
      joinsText ||= !apart(node, before, node.nextSibling, target, classifier, NONE);
      if (!blank(node)) roots.add(node);
    }
    for (const node of record.removedNodes) {
      if (isOurs(node)) continue;
      removedNodes.push(node);
      const { previousSibling: before, nextSibling: after } = record;
      if (!apart(node, before, after, target, classifier, put, changedGone || changed.has(node))) joinsText = true;
    }
    if (joinsText) {
      const block = blockOf(target);
      if (block) ownText.add(block);
    }
  }
  // (A block whose own text is read and a root over it: the scanner reads it once.)
  return { roots: outermost(roots), ownText: [...ownText], removedNodes };
}

/** White space, or a node without text: a placeholder frameworks put and take out (a comment
 *  for a conditional part of a view, an empty text node for a list's anchor, an empty link a
 *  parser leaves where a page nested links), a doctype (whose textContent, null, a scan would
 *  fail on). (Node types above 7: comment, document, doctype, fragment.) */
const blank = (n: Node): boolean =>
  n.nodeType > 7 || (n.nodeType === TEXT_NODE ? !NOT_BLANK.test((n as Text).data) : isEmptyInline(n as Element));

/** An element that ends a run of text (see RunWalker): a block. Not an inline element or a line
 *  break, nor a field, a script or an editor, which a run goes on across. */
const isBlock = (n: Node, classifier: BlockClassifier): boolean =>
  n.nodeType === ELEMENT_NODE && !isInlineElement(n as Element) && classifier.blockOf(n as Element) === n;

type Way = 'previousSibling' | 'nextSibling';

/** Whether the first node from `n` on towards `way`, past white space and placeholders, is a
 *  block or has one at its edge on this side: no words run across it. (A link around a card,
 *  `<a><h3>…</h3><p>…</p></a>`, is inline by its tag, but a feed of them is a list of blocks.) */
function blockNext(n: Node | null, way: Way, classifier: BlockClassifier): boolean {
  while (n && blank(n)) n = n[way];
  return (
    !!n && (isBlock(n, classifier) || blockNext(n[way === 'nextSibling' ? 'firstChild' : 'lastChild'], way, classifier))
  );
}

/** True when `node`, put or taken out between `before` and `after` in `parent`, changes no
 *  words but its own: a block, or the edge of `parent` (a block), stands on one side of it
 *  (else it parts, or joins, the text on either side), and on each side of it either that or a
 *  block at its own edge (see blockNext), past white space and placeholders (white space and
 *  blocks need one side only). So its block's own text need not be read again: a feed that
 *  appends its items with line breaks between them makes one such node per item, and each had
 *  the whole feed rescanned (6 ms a batch at 1,000 items, where the items alone took 1.2).
 *  Where unsure (a neighbour in `unknown`), it says false: reading a block's own text again
 *  passes over the blocks nested in it, so even a feed's container costs little. */
function apart(
  node: Node,
  before: Node | null,
  after: Node | null,
  parent: Node,
  classifier: BlockClassifier,
  /** Neighbours that may not have stood there when `node` came or went (see boundaryOn). */
  unknown: ReadonlySet<Node>,
  /** The node's own content may have changed since (see changedGone): judged by its neighbours. */
  unknownInside = false,
): boolean {
  // (A side is looked at only when the answer needs it: most nodes a feed puts in are blocks
  // after a block.)
  const left = boundaryOn(before, 'previousSibling', parent, classifier, unknown);
  return (
    (left || boundaryOn(after, 'nextSibling', parent, classifier, unknown)) &&
    // (An element's own content is as the batch left it: one taken out and then emptied looked
    // blank, an empty inline, so it is judged by its neighbours alone; so is text whose words
    // the batch changed before it went.)
    ((node.nodeType !== ELEMENT_NODE && !unknownInside && blank(node)) ||
      isBlock(node, classifier) ||
      (left
        ? boundaryOn(after, 'nextSibling', parent, classifier, unknown) ||
          (!unknownInside && blockNext(node.lastChild, 'previousSibling', classifier))
        : !unknownInside && blockNext(node.firstChild, 'nextSibling', classifier)))
  );
}

/** Whether words end at `n` (a neighbour in `parent`, or null: its edge) towards `way`: past
 *  white space and placeholders, a block or a node with one at its edge (see blockNext), or the
 *  edge of a block. Not at a node in `unknown` (one the batch put in: the change may have come
 *  before it), nor at one that left `parent` since a record named it. */
function boundaryOn(
  n: Node | null,
  way: Way,
  parent: Node,
  classifier: BlockClassifier,
  unknown: ReadonlySet<Node>,
): boolean {
  // (Past a few dozen blanks, none: a table sorted by moving its rows, with a line break
  // between each, piles them up, and each move would walk them all.)
  for (let blanks = 0; n; n = n[way]) {
    if (n.parentNode !== parent || unknown.has(n)) return false;
    if (!blank(n)) return blockNext(n, way, classifier);
    if (++blanks > 32) return false;
  }
  return parent.nodeType !== ELEMENT_NODE || isBlock(parent, classifier);
}

const NONE: ReadonlySet<Node> = new Set();

/** Drops roots that lie inside another root (scanning the outer one covers them). */
function outermost(roots: Set<Node>): Node[] {
  const out: Node[] = [];
  for (const root of roots) {
    if (!root.isConnected) continue;
    let covered = false;
    for (let p = root.parentNode; p; p = p.parentNode) {
      if (roots.has(p)) {
        covered = true;
        break;
      }
    }
    if (!covered) out.push(root);
  }
  return out;
}
