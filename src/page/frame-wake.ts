// A frame in someone else's page (an ad, a share button, a video player) seldom holds prose,
// and every frame paid the content script's whole start: reading settings, a report to the
// background, the highlight registry, a walk for shadow roots (≈ 1.4 ms each here; a page with
// 20 small ad frames paid 29 ms of its main thread for them). A subframe therefore waits here,
// holding nothing but one MutationObserver, until it has something worth that start: text the
// prefilter lets through, more text than a widget holds, or an open shadow root (whose text the
// body's does not include).
import { BlockClassifier } from './text-blocks';

/** More text than this, and the frame is a document of its own: it starts at once. */
const LARGE_TEXT = 20_000;
const ELEMENT_NODE = 1;

/** Resolves once `doc` (a subframe's document) holds something worth scanning; never, if it
 *  never does. Checked once it is parsed, then after each batch of changes. */
export function whenFrameWorthScanning(doc: Document, mightMatch: (text: string) => boolean): Promise<void> {
  return new Promise((wake) => {
    let began = false;
    const observer = new MutationObserver((records) => {
      if (!began) return; // the parser's own insertions: the check after parsing sees them
      if (textWorthScanning(doc, mightMatch) || records.some(addsShadowRoot)) {
        observer.disconnect();
        wake();
      }
    });
    const begin = () => {
      if (began) return;
      began = true;
      clearInterval(poll);
      observer.takeRecords(); // the parser's, which the check below covers
      if (textWorthScanning(doc, mightMatch) || hasOpenShadowRoot(doc.documentElement)) {
        observer.disconnect();
        wake();
      }
    };
    // document.open() erases every listener, ours too: the end of parsing is then noticed by
    // this poll.
    const poll =
      doc.readyState === 'loading' ? setInterval(() => doc.readyState !== 'loading' && begin(), 250) : undefined;
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    if (doc.readyState !== 'loading') begin();
    else doc.addEventListener('DOMContentLoaded', (event) => event.isTrusted && begin());
  });
}

/** The frame's text, scripts and styles left out, is large or passes the prefilter (read as
 *  one string: a word may be cut across the body's children; blocks run together then can
 *  only wake a frame that did not need it). */
function textWorthScanning(doc: Document, mightMatch: (text: string) => boolean): boolean {
  const body = doc.body ?? doc.documentElement;
  if (!body) return false;
  const classifier = new BlockClassifier();
  const texts: string[] = [];
  let length = 0;
  for (let child = body.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE && classifier.blockOf(child as Element) === null) continue;
    const text = child.textContent ?? '';
    length += text.length;
    if (length > LARGE_TEXT) return true;
    texts.push(text);
  }
  return mightMatch(texts.join(''));
}

function hasOpenShadowRoot(root: Element | null): boolean {
  if (!root) return false;
  if (root.shadowRoot) return true;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Element).shadowRoot) return true;
  return false;
}

function addsShadowRoot(record: MutationRecord): boolean {
  for (const node of record.addedNodes) {
    if (node.nodeType === ELEMENT_NODE && hasOpenShadowRoot(node as Element)) return true;
  }
  return false;
}
