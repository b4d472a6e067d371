// Open shadow roots of the page's components: design systems keep their text there, where a
// TreeWalker over the document does not go. Found by a walk over elements (no selector finds
// shadow hosts, and a content script cannot see attachShadow), sliced like the scan, and then
// treated like the document: scanned, watched, hit-tested. Nothing is added to them: Chromium
// paints the content script's document-level ::highlight() styles inside open shadow trees.
import { HOST_TAG } from './host-tag';
import { ELEMENT_NODE, isInsideSkipped, SHOW_ELEMENT } from './text-blocks';
import { yieldToPage } from './yield-to-page';

const SLICE_MS = 8;

export class ShadowRoots {
  /** Every open root found so far, with whether its text may be scanned (not inside an
   *  editor, a form field or another skipped region, seen through the hosts). */
  readonly #known = new Map<ShadowRoot, boolean>();

  /** Open shadow roots under `roots` (nested ones too) not found before, whose text may be
   *  scanned, in document order. Resolves early, with what it has, if `signal` aborts. */
  async discover(roots: readonly Node[], signal: AbortSignal): Promise<ShadowRoot[]> {
    const found: ShadowRoot[] = [];
    const queue = [...roots];
    this.#forgetDetached();
    let sliceStart = performance.now();
    let checked = 0;
    const check = (el: Element) => {
      const root = el.shadowRoot;
      if (!root || this.#known.has(root) || el.localName === HOST_TAG) return;
      const outer = el.getRootNode();
      const scannable = !isInsideSkipped(el) && (!(outer instanceof ShadowRoot) || this.#known.get(outer) === true);
      this.#known.set(root, scannable);
      if (scannable) found.push(root);
      queue.push(root);
    };
    for (let root = queue.shift(); root; root = queue.shift()) {
      if (!root.isConnected) continue;
      if (root.nodeType === ELEMENT_NODE) check(root as Element);
      const walker = (root.ownerDocument ?? document).createTreeWalker(root, SHOW_ELEMENT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        check(n as Element);
        if (++checked % 512 === 0 && performance.now() - sliceStart > SLICE_MS) {
          await yieldToPage();
          if (signal.aborted) return found;
          sliceStart = performance.now();
          if (!n.isConnected) break; // the page removed our place; what it added comes as a batch
        }
      }
    }
    return found;
  }

  /** Forgets every root found: the next discover() finds them all again (the page is scanned
   *  afresh). */
  forget(): void {
    this.#known.clear();
  }

  /** The open roots still in the document whose text is scanned (for the hit test). */
  scanned(): ShadowRoot[] {
    this.#forgetDetached();
    const out: ShadowRoot[] = [];
    for (const [root, scannable] of this.#known) if (scannable) out.push(root);
    return out;
  }

  /** Components come and go: a root whose host left is found again if it comes back. */
  #forgetDetached(): void {
    for (const root of this.#known.keys()) if (!root.host.isConnected) this.#known.delete(root);
  }
}
