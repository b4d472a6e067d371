// Visible text of the page as flat strings, one per run of text inside one block, with a map
// from string offsets back to (text node, offset). A mention never joins text across a block
// boundary (Chrome's find-in-page rule; mark.js issue #494 got it wrong).

import { HOST_TAG } from './host-tag';

/** Node types and NodeFilter flags as numbers: each `Node.ELEMENT_NODE` is a property read
 *  otherwise, and its name stays in the content script, which is held to 30 KB gzipped. */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const SHOW_ELEMENT = 1;
export const SHOW_TEXT = 4;

/** Where the reader blocks JavaScript for the site, a <noscript> holds the page's own
 *  fallback, parsed as elements and shown; elsewhere it is never shown. (A sandboxed frame
 *  without scripts shows it too, but tells the content script's world that scripts run.) */
const scriptsRun = typeof matchMedia !== 'function' || !matchMedia('(scripting: none)').matches;

/** Elements whose text is not page prose, or belongs to the user (form fields). */
/** Looked up by `localName`: lower case for HTML elements in any document, and without the
 *  prefix an XHTML page may give an element of another namespace (`<svg:script>`). */
const SKIPPED = new Set([
  'script',
  'style',
  ...(scriptsRun ? ['noscript'] : []),
  // Fallback text shown only where frames or plugins are not: never on screen here.
  'noframes',
  'noembed',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'button',
  'iframe',
  'fencedframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'math',
  'head',
  'title',
  HOST_TAG,
]);

/** Elements that flow inline with their text; everything else starts a new block. Decided by
 *  tag rather than computed style: style lookups on every element would cost a layout. */
const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  'ruby',
  'rb',
  'rp',
  'rt',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'nobr',
  'output',
  'wbr',
]);

/** Stands in a run's text where a break element was: neither a word character nor the
 *  whitespace an alias may span, so no mention reaches across it. */
export const LINE_BREAK = '\u0000';
/** Inline elements that still break a run of words (`Bagram<br>Air Base` is two lines). */
const BREAKS = new Set(['br', 'img', 'hr']);
/** Inline elements whose text stands apart from the words around it: a footnote number
 *  (`Fitrat<sup>2</sup>` is the name and a note, not the word "Fitrat2"), an index. */
const APART = new Set(['sup', 'sub']);
/** A ruby's annotations (its reading, its fallback parentheses): not part of the words they
 *  annotate (`<ruby>Bagram<rt>バグラム</rt></ruby> Air Base` reads "Bagram Air Base"). */
const ANNOTATIONS = new Set(['rt', 'rp']);

/** True when text under `el` is a ruby's annotation: straight under <rt> or <rp>, or deeper
 *  in one (text `classifier` skips, seldom asked further). */
export function inAnnotation(el: Element, classifier: BlockClassifier): boolean {
  return ANNOTATIONS.has(el.localName) || (classifier.blockOf(el) === null && el.closest('rt, rp') !== null);
}

/** True when `node` holds a ruby's reading or its parenthesis, which its textContent reads
 *  between the characters they annotate ("巴bā格gé…", "Bag(ram") where a walk leaves them out.
 *  (Counted natively, in collections the page keeps.) */
export function holdsReading(node: Node): boolean {
  if (node.nodeType !== ELEMENT_NODE) return false;
  const el = node as Element;
  return el.getElementsByTagName('rt').length + el.getElementsByTagName('rp').length > 0;
}

/** Scripts, styles, form fields and the like: no text under them is page prose. */
export function isSkippedElement(el: Element): boolean {
  return SKIPPED.has(el.localName);
}

/** A node whose text is never marked (a script, a style, a template, an editor …), so a
 *  look for mentions can pass it over unread. */
export function holdsNoProse(node: Node, classifier: BlockClassifier): boolean {
  return node.nodeType === ELEMENT_NODE && classifier.blockOf(node as Element) === null;
}

/** The page's own furniture around its text: navigation, sidebars ("Most read"), footers. */
const BOILERPLATE = 'nav, aside, footer, [role="navigation"], [role="complementary"], [role="contentinfo"]';
/** True when `node` stands in the page's navigation, a sidebar or a footer, whose links name
 *  other stories: a namesake there says nothing about the article's own mentions. Seen
 *  through the hosts of the shadow roots it is in. */
export function inBoilerplate(node: Node | undefined): boolean {
  for (let el: Element | null = node?.parentElement ?? null; el;) {
    const found = el.closest(BOILERPLATE);
    if (found && !partOfStory(found)) return true;
    if (found) {
      el = found.parentElement;
      continue;
    }
    const root = el.getRootNode() as Partial<ShadowRoot>;
    el = root.host ?? null;
  }
  return false;
}

/** A footer or an aside that is part of the story, as accessibility maps them: an article's
 *  own footer (its byline), a quote's, a pull quote or a fact box in the article. */
function partOfStory(el: Element): boolean {
  if (el.hasAttribute('role')) return false;
  const scope =
    el.localName === 'footer'
      ? 'article, aside, main, nav, section'
      : el.localName === 'aside'
        ? 'article, section'
        : null;
  return scope !== null && el.parentElement?.closest(scope) != null;
}

export function isInlineElement(el: Element): boolean {
  return INLINE.has(el.localName) || BREAKS.has(el.localName);
}

/** An inline element with nothing in it (`<a></a>`, `<wbr>`): a run's words go on across it as
 *  if it were not there. (Not a break, nor one whose text stands apart: those part words.) */
export const isEmptyInline = (el: Element): boolean =>
  INLINE.has(el.localName) && !APART.has(el.localName) && !el.firstChild;

function isEditableRoot(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value !== 'false';
}

/** Block ancestor of an element, or null when its text must not be scanned. Memoised per
 *  element for one walk: classification walks up the tree once per element, not per node. */
export class BlockClassifier {
  readonly #memo = new Map<Element, Element | null>();

  blockOf(el: Element): Element | null {
    const cached = this.#memo.get(el);
    if (cached !== undefined) return cached;
    let result: Element | null;
    if (SKIPPED.has(el.localName) || ANNOTATIONS.has(el.localName) || isEditableRoot(el)) result = null;
    else {
      const parent = el.parentElement;
      const parentBlock = parent ? this.blockOf(parent) : el;
      if (parentBlock === null) result = null;
      else result = INLINE.has(el.localName) && parent ? parentBlock : el;
    }
    this.#memo.set(el, result);
    return result;
  }

  /** Forgets what it classified: after a yield the page may have moved elements elsewhere. */
  forget(): void {
    this.#memo.clear();
  }
}

/** A run of text within one block: `text` is the text nodes' data joined, with LINE_BREAK
 *  where a line break element stood. `starts[i]` is where `nodes[i]` begins in `text`. */
export interface TextRun {
  block: Element;
  text: string;
  nodes: Text[];
  starts: number[];
}

/** True when nothing under `root` may be scanned (editable region, script, our UI …). */
export function isInsideSkipped(root: Node, classifier = new BlockClassifier()): boolean {
  const el = root.nodeType === ELEMENT_NODE ? (root as Element) : root.parentElement;
  if (!el) return true;
  if (el.ownerDocument.designMode === 'on') return true;
  return classifier.blockOf(el) === null;
}

/** Returned by RunWalker.next(over) when the slice ran out midway: the walk goes on from
 *  there at the next call. */
export const SLICE_OVER = 'slice over';
/** Nodes walked between two looks at the clock (about 0.2 ms of walking). */
const NODES_PER_LOOK = 512;

/**
 * Text runs under `root`, one at a time and in document order: the text of one candidate
 * block (PageScanner.scanBlock) or of a whole document (the scan CLI). Uses a TreeWalker
 * without a filter callback (4–11× faster than one with it, DESIGN.md) and skips excluded
 * subtrees by hand.
 */
export class RunWalker {
  private readonly walker: TreeWalker | null;
  #node: Node | null;
  #walked = 0;
  /** The run being filled; it ends where a block starts or another block's text comes. */
  #run: TextRun | null = null;
  /** The outermost element whose text stands apart (APART) that the walk is in or just left,
   *  and whether any of its text has been read (an empty one sets nothing apart). */
  #apart: Element | null = null;
  #apartRead = false;
  readonly classifier: BlockClassifier;
  readonly #ownTextOnly: boolean;

  /** `ownTextOnly` leaves out the text of blocks nested in `root` (each is matched as a
   *  block of its own). */
  constructor(
    readonly root: Node,
    classifier = new BlockClassifier(),
    ownTextOnly = false,
  ) {
    this.classifier = classifier;
    this.#ownTextOnly = ownTextOnly;
    ({ walker: this.walker, node: this.#node } = openWalk(root, SHOW_ELEMENT | SHOW_TEXT, classifier));
  }

  /** The next run that holds more than white space, or null at the end. With `over`, it
   *  stops with SLICE_OVER once that says the slice has run out: one block can hold megabytes
   *  of text in tens of thousands of nodes. */
  next(): TextRun | null;
  next(over: () => boolean): TextRun | typeof SLICE_OVER | null;
  next(over?: () => boolean): TextRun | typeof SLICE_OVER | null {
    for (;;) {
      const run = this.#nextRun(over);
      if (!run || run === SLICE_OVER || NOT_BLANK.test(run.text)) return run;
    }
  }

  /** False when the page moved or removed the node the walk would go on from. */
  intact(): boolean {
    return goesOnUnder(this.root, this.#node);
  }

  /** The next run, blank or not: the run in progress is complete once the walk reaches text
   *  of another block, a block element, or the end. */
  #nextRun(over?: () => boolean): TextRun | typeof SLICE_OVER | null {
    const { walker, classifier } = this;
    let node = this.#node;
    while (node) {
      if (over && ++this.#walked % NODES_PER_LOOK === 0 && over()) {
        this.#node = node;
        return SLICE_OVER;
      }
      if (node.nodeType === TEXT_NODE) {
        const text = node as Text;
        const parent = text.parentElement;
        const block = parent ? classifier.blockOf(parent) : null;
        node = walker ? walker.nextNode() : null;
        // (`length`, not `data.length`: each read of `data` makes the node's text a string in
        // the script's world, which for a 5 MB text file took 75 µs a time.)
        if (block && text.length > 0) {
          const data = text.data;
          const run = this.#run;
          // Into a footnote number, and out of it again: it stands apart from the words on
          // either side.
          if (this.#apart) {
            const inside = this.#apart.contains(text);
            if (inside !== this.#apartRead && run?.block === block) run.text += LINE_BREAK;
            if (inside) this.#apartRead = true;
            else [this.#apart, this.#apartRead] = [null, false];
          }
          if (run && run.block === block) {
            run.starts.push(run.text.length);
            run.nodes.push(text);
            run.text += data;
          } else {
            this.#run = { block, text: data, nodes: [text], starts: [0] };
            if (run) return this.#hold(node, run);
          }
        }
        continue;
      }
      const el = node as Element;
      const tag = el.localName;
      if (ANNOTATIONS.has(tag)) {
        node = walker ? skipSubtree(walker) : null;
        continue;
      }
      if (SKIPPED.has(tag) || isEditableRoot(el)) {
        // A field, button or editable island between two words ends the words' run (found by
        // the fuzz test: "US-Taliban <button>…</button> deal" was marked across the button).
        if (this.#run) this.#run.text += LINE_BREAK;
        node = walker ? skipSubtree(walker) : null;
        continue;
      }
      const nested = !INLINE.has(tag) && !BREAKS.has(tag);
      // A nested block is its own block: walked into, or passed over whole when only the
      // root block's own text is wanted.
      node = !walker ? null : nested && this.#ownTextOnly ? skipSubtree(walker) : walker.nextNode();
      if (BREAKS.has(tag)) {
        if (this.#run) this.#run.text += LINE_BREAK;
      } else if (APART.has(tag) && !this.#apart?.contains(el)) {
        // (Right after another one: that one's text stands apart from this one's too.)
        if (this.#apartRead && this.#run) this.#run.text += LINE_BREAK;
        [this.#apart, this.#apartRead] = [el, false];
      } else if (nested && this.#run) {
        // A block starts: text after it is a new run, even in the same parent block.
        const run = this.#run;
        this.#run = null;
        return this.#hold(node, run);
      }
    }
    this.#node = null;
    const last = this.#run;
    this.#run = null;
    return last;
  }

  #hold(node: Node | null, complete: TextRun): TextRun {
    this.#node = node;
    return complete;
  }
}

/** Text that holds more than white space. */
export const NOT_BLANK = /\S/;

/** True when a walk under `root` can go on from `node` (null: it has ended): the page has not
 *  taken it out of the document or from under `root`. */
export function goesOnUnder(root: Node, node: Node | null): boolean {
  return node === null || (node.isConnected && root.contains(node));
}

/** Where a walk over `root` starts: a TreeWalker showing `show` (NodeFilter flags) and its
 *  first node, `from` itself if the walker would show it. Nothing when `root` lies in a skipped
 *  region; a text root is walked alone. */
export function openWalk(
  root: Node,
  show: number,
  classifier: BlockClassifier,
  from?: Node,
): { walker: TreeWalker | null; node: Node | null } {
  if (isInsideSkipped(root, classifier)) return { walker: null, node: null };
  if (root.nodeType === TEXT_NODE) return { walker: null, node: root };
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, show);
  if (!from) return { walker, node: walker.nextNode() };
  walker.currentNode = from;
  // NodeFilter's SHOW_* bit for a node type is 1 << (type - 1).
  return { walker, node: show & (1 << (from.nodeType - 1)) ? from : walker.nextNode() };
}

/** Text runs under `root` that hold more than white space, in document order. */
export function collectRuns(root: Node, classifier = new BlockClassifier()): TextRun[] {
  const walker = new RunWalker(root, classifier);
  const runs: TextRun[] = [];
  for (let run = walker.next(); run; run = walker.next()) runs.push(run);
  return runs;
}

function skipSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (!next) {
    if (!walker.parentNode()) return null;
    next = walker.nextSibling();
  }
  return next;
}

/** The text node (and its place in `run.nodes`) and offset where string offset `index` of a
 *  run falls. `edge` says whether the offset opens a range (prefer the next node) or closes
 *  one (prefer the previous). */
export function positionIn(
  run: TextRun,
  index: number,
  edge: 'start' | 'end',
): { node: Text; offset: number; at: number } {
  let lo = 0;
  let hi = run.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = run.starts[mid] ?? 0;
    if (start < index || (start === index && edge === 'start')) lo = mid;
    else hi = mid - 1;
  }
  const node = run.nodes[lo]!;
  const offset = Math.min(Math.max(index - (run.starts[lo] ?? 0), 0), node.length);
  return { node, offset, at: lo };
}
