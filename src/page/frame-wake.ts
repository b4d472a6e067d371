// A frame in someone else's page (an ad, a share button, a video player) seldom holds prose,
// and every frame paid the content script's whole start: reading settings, a report to the
// background, the highlight registry, a walk for shadow roots (≈ 1.5 ms each here; a page with
// 20 small ad frames paid 30 ms of its main thread for them). A subframe therefore waits here,
// holding nothing but one MutationObserver, until it has something worth that start: text the
// prefilter lets through, more text than a widget holds, or an open shadow root (whose text the
// document's does not include).
import {
  BlockClassifier,
  ELEMENT_NODE,
  holdsNoProse,
  holdsReading,
  isSkippedElement,
  SHOW_ELEMENT,
  TEXT_NODE,
} from './text-blocks';
import { every } from './timers';

/** More text than this, and the frame is a document of its own: it starts at once. */
const LARGE_TEXT = 20_000;
/** While the frame still loads, its text is looked at again each time the parser has added
 *  this much (a long framed document is then marked while it loads, as the top page is). */
const LOADING_STEP = 4_000;
/** How often, at most, the waiting frame asks whether the extension is still there. */
const ALIVE_CHECK_MS = 1_000;

/** Resolves once `doc` (a subframe's document) holds something worth scanning; never, if it
 *  never does or `alive()` turns false first (the extension was reloaded or removed). Checked
 *  as the parser adds text, once the document is parsed, then after each batch of changes. */
export function whenFrameWorthScanning(
  doc: Document,
  mightMatch: (text: string) => boolean,
  alive: () => boolean,
): Promise<void> {
  return new Promise((wake) => {
    let parsed = false;
    let addedWhileLoading = 0;
    let aliveCheckedAt = 0;
    // (While it loads, text only: a walk over every element at each step would cost a long
    // frame dearly, and its open shadow roots are looked for once it is parsed.)
    const worthScanning = (records: readonly MutationRecord[] | null) =>
      textWorthScanning(doc, mightMatch) ||
      (!parsed ? false : records ? records.some(addsShadowRoot) : hasOpenShadowRoot(doc.documentElement));
    const done = (wakeUp: boolean) => {
      observer.disconnect();
      poll?.();
      if (wakeUp) wake();
    };
    const observer = new MutationObserver((records) => {
      const now = performance.now();
      if (now - aliveCheckedAt > ALIVE_CHECK_MS) {
        aliveCheckedAt = now;
        if (!alive()) return done(false);
      }
      if (!parsed) {
        // The parser's insertions: a look once it has added enough text, the rest at the end.
        for (const record of records) for (const node of record.addedNodes) addedWhileLoading += textLength(node);
        if (addedWhileLoading < LOADING_STEP) return;
        addedWhileLoading = 0;
      }
      if (worthScanning(records)) done(true);
    });
    const onParsed = () => {
      if (parsed) return;
      parsed = true;
      poll?.();
      observer.takeRecords(); // the parser's, which this check covers
      if (worthScanning(null)) done(true);
    };
    // document.open() erases every listener, ours too: the end of parsing is then noticed by
    // this poll.
    const poll =
      doc.readyState === 'loading' ? every(250, () => doc.readyState !== 'loading' && onParsed()) : undefined;
    observer.observe(doc, { childList: true, subtree: true, characterData: true });
    if (doc.readyState !== 'loading') onParsed();
    // The browser's event only: a page script's own would end the wait for the parser early.
    else doc.addEventListener('DOMContentLoaded', (event) => event.isTrusted && onParsed());
  });
}

/** The frame's text, scripts and styles left out, is large or passes the prefilter. Read as
 *  one string, the body's children and anything else outside <head> in document order: a word
 *  may be cut across them, and blocks run together can only wake a frame that did not need it. */
function textWorthScanning(doc: Document, mightMatch: (text: string) => boolean): boolean {
  const root = doc.documentElement;
  if (!root) return false;
  // A ruby's reading stands between the characters of the words it annotates in textContent
  // ("巴bā格gé…"), where the scan leaves it out: a frame with one starts.
  if (holdsReading(root)) return true;
  const classifier = new BlockClassifier();
  const texts: string[] = [];
  let length = 0;
  const read = (node: Node) => {
    if (holdsNoProse(node, classifier)) return false;
    const text = node.textContent ?? '';
    length += text.length;
    texts.push(text);
    return length > LARGE_TEXT;
  };
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child !== doc.body) {
      if (read(child)) return true;
      continue;
    }
    for (let inBody = child.firstChild; inBody; inBody = inBody.nextSibling) if (read(inBody)) return true;
  }
  return mightMatch(texts.join(''));
}

/** Characters of page text the parser added with `node` (not a script's or a style's). */
function textLength(node: Node): number {
  if (node.nodeType !== TEXT_NODE) return 0;
  const parent = node.parentElement;
  return parent && isSkippedElement(parent) ? 0 : (node as Text).length;
}

function hasOpenShadowRoot(root: Element | null): boolean {
  if (!root) return false;
  if (root.shadowRoot) return true;
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Element).shadowRoot) return true;
  return false;
}

function addsShadowRoot(record: MutationRecord): boolean {
  for (const node of record.addedNodes) {
    if (node.nodeType === ELEMENT_NODE && hasOpenShadowRoot(node as Element)) return true;
  }
  return false;
}
