import type { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';

interface CaretPosition {
  offsetNode: Node;
  offset: number;
}
type CaretDocument = Document & {
  caretPositionFromPoint?(x: number, y: number, options?: { shadowRoots?: ShadowRoot[] }): CaretPosition | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
};

/** The caret position at a point of the window: the standard API, or the older WebKit one. */
export function caretAt(doc: CaretDocument, x: number, y: number, shadowRoots: ShadowRoot[]): CaretPosition | null {
  // Without the roots, a point over text in an open shadow root answers with its host.
  if (doc.caretPositionFromPoint) return doc.caretPositionFromPoint(x, y, { shadowRoots });
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { offsetNode: range.startContainer, offset: range.startOffset } : null;
}

/** A live Range over a mention, for geometry (StaticRange has no client rects). */
export function liveRange(mention: PageMention): Range {
  const r = mention.range;
  const range = document.createRange();
  // Within the nodes as they are now: the page may have shortened the text since, and the
  // batch that drops this mention not have come yet.
  range.setStart(r.startContainer, Math.min(r.startOffset, nodeLength(r.startContainer)));
  range.setEnd(r.endContainer, Math.min(r.endOffset, nodeLength(r.endContainer)));
  return range;
}

/** Text, comments and the like count characters; other nodes, children. */
function nodeLength(node: Node): number {
  return CHARACTER_DATA.has(node.nodeType) ? (node as CharacterData).length : node.childNodes.length;
}
const CHARACTER_DATA = new Set([3, 4, 7, 8]);

function containsPoint(rects: DOMRectList, x: number, y: number): boolean {
  for (const rect of rects) {
    if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) return true;
  }
  return false;
}

/** The marked mention under the pointer, if any. The caret lookup only says which text node is
 *  nearest, so the mention's own boxes decide (no card for the blank space after a line). */
export function mentionAtPoint(
  index: MentionIndex,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): PageMention | null {
  if (index.size === 0) return null;
  const caret = caretAt(document as CaretDocument, x, y, shadowRoots);
  if (!caret || caret.offsetNode.nodeType !== Node.TEXT_NODE) return null;
  for (const mention of index.at(caret.offsetNode as Text)) {
    if (!mention.accepted) continue;
    if (containsPoint(liveRange(mention).getClientRects(), x, y)) return mention;
  }
  return null;
}
