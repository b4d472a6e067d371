// Visible text of the page as flat strings, one per run of text inside one block, with a map
// from string offsets back to (text node, offset). A mention never joins text across a block
// boundary (Chrome's find-in-page rule; mark.js issue #494 got it wrong).

/** Our UI host; its subtree is never scanned. */
export const HOST_TAG = 'CONTEXT-OVERLAY';

/** Elements whose text is not page prose, or belongs to the user (form fields). */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'OPTGROUP',
  'BUTTON',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'MATH',
  'HEAD',
  'TITLE',
  HOST_TAG,
]);

/** Elements that flow inline with their text; everything else starts a new block. Decided by
 *  tag rather than computed style: style lookups on every element would cost a layout. */
const INLINE = new Set([
  'A',
  'ABBR',
  'ACRONYM',
  'B',
  'BDI',
  'BDO',
  'BIG',
  'CITE',
  'CODE',
  'DATA',
  'DEL',
  'DFN',
  'EM',
  'FONT',
  'I',
  'INS',
  'KBD',
  'LABEL',
  'MARK',
  'Q',
  'RUBY',
  'RB',
  'RP',
  'RT',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRIKE',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'NOBR',
  'OUTPUT',
  'WBR',
]);

/** Stands in a run's text where a break element was: neither a word character nor the
 *  whitespace an alias may span, so no mention reaches across it. */
export const LINE_BREAK = '\u0000';
/** Inline elements that still break a run of words (`Bagram<br>Air Base` is two lines). */
const BREAKS = new Set(['BR', 'IMG', 'HR']);

export function isInlineElement(el: Element): boolean {
  return INLINE.has(el.tagName.toUpperCase()) || BREAKS.has(el.tagName.toUpperCase());
}

function isEditableRoot(el: Element): boolean {
  const value = el.getAttribute('contenteditable');
  return value !== null && value !== 'false';
}

/** Block ancestor of an element, or null when its text must not be scanned. Memoised per
 *  element for one walk: classification walks up the tree once per element, not per node. */
export class BlockClassifier {
  private readonly memo = new Map<Element, Element | null>();

  blockOf(el: Element): Element | null {
    const cached = this.memo.get(el);
    if (cached !== undefined) return cached;
    let result: Element | null;
    if (SKIPPED.has(el.tagName.toUpperCase()) || isEditableRoot(el)) result = null;
    else {
      const parent = el.parentElement;
      const parentBlock = parent ? this.blockOf(parent) : el;
      if (parentBlock === null) result = null;
      else result = INLINE.has(el.tagName.toUpperCase()) && parent ? parentBlock : el;
    }
    this.memo.set(el, result);
    return result;
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
  const el = root.nodeType === Node.ELEMENT_NODE ? (root as Element) : root.parentElement;
  if (!el) return true;
  if (el.ownerDocument.designMode === 'on') return true;
  return classifier.blockOf(el) === null;
}

/** Text runs under `root`, in document order. Uses a TreeWalker without a filter callback
 *  (4–11× faster than one with it, DESIGN.md) and skips excluded subtrees by hand. */
export function collectRuns(root: Node, classifier = new BlockClassifier()): TextRun[] {
  const doc = root.ownerDocument ?? (root as Document);
  if (isInsideSkipped(root, classifier)) return [];
  const runs: TextRun[] = [];
  let run: TextRun | null = null;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let node: Node | null = root.nodeType === Node.TEXT_NODE ? root : walker.nextNode();
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      const parent = text.parentElement;
      const block = parent ? classifier.blockOf(parent) : null;
      if (block && text.data.length > 0) {
        if (!run || run.block !== block) {
          run = { block, text: '', nodes: [], starts: [] };
          runs.push(run);
        }
        run.starts.push(run.text.length);
        run.nodes.push(text);
        run.text += text.data;
      }
      node = root.nodeType === Node.TEXT_NODE ? null : walker.nextNode();
      continue;
    }
    const el = node as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED.has(tag) || isEditableRoot(el)) {
      node = skipSubtree(walker);
      continue;
    }
    if (BREAKS.has(tag)) {
      if (run) run.text += LINE_BREAK;
    } else if (!INLINE.has(tag)) {
      run = null; // a block starts: text after it is a new run, even in the same parent block
    }
    node = walker.nextNode();
  }
  return runs.filter((r) => /\S/.test(r.text));
}

function skipSubtree(walker: TreeWalker): Node | null {
  let next = walker.nextSibling();
  while (!next) {
    if (!walker.parentNode()) return null;
    next = walker.nextSibling();
  }
  return next;
}

/** The text node and offset where string offset `index` of a run falls. `edge` says whether
 *  the offset opens a range (prefer the next node) or closes one (prefer the previous). */
export function positionIn(run: TextRun, index: number, edge: 'start' | 'end'): { node: Text; offset: number } {
  let lo = 0;
  let hi = run.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = run.starts[mid] ?? 0;
    if (start < index || (start === index && edge === 'start')) lo = mid;
    else hi = mid - 1;
  }
  const node = run.nodes[lo]!;
  const offset = Math.min(Math.max(index - (run.starts[lo] ?? 0), 0), node.data.length);
  return { node, offset };
}
