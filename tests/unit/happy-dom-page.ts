// The page layer's unit tests run over happy-dom: a fresh window's classes stand in for the
// browser's globals during each test, and a clock that runs fast makes a sliced walk yield at
// every look at it (so a test can change the page at chosen yields).
import { Window } from 'happy-dom';
import { afterEach, beforeEach } from 'vitest';
import type { HighlightLayer } from '../../src/page/highlight-layer';

const scope = globalThis as Record<string, unknown>;
const GLOBALS = ['Node', 'NodeFilter', 'document', 'getComputedStyle', 'MutationObserver', 'StaticRange', 'scheduler'];

/** Before each test, a new window's globals and the fast clock; after it, the real ones (a
 *  test may set `scheduler` too). Read `window` and `doc` inside tests. */
export function happyDomPerTest(): { readonly window: Window; readonly doc: Document } {
  const saved = Object.fromEntries(GLOBALS.map((n) => [n, scope[n]]));
  const realNow = performance.now.bind(performance);
  const current = { window: null as unknown as Window, doc: null as unknown as Document };
  beforeEach(() => {
    current.window = new Window();
    current.doc = current.window.document as unknown as Document;
    Object.assign(scope, {
      Node: current.window.Node,
      NodeFilter: current.window.NodeFilter,
      document: current.doc,
      getComputedStyle: current.window.getComputedStyle.bind(current.window),
      MutationObserver: current.window.MutationObserver,
      StaticRange: RecordedRange,
    });
    let t = 0;
    performance.now = () => (t += 100);
  });
  afterEach(() => {
    performance.now = realNow;
    Object.assign(scope, saved);
    void current.window.happyDOM.close();
  });
  return current;
}

/** Makes what `html` parses to the page's body's content. */
export function fillBody(page: { readonly window: Window; readonly doc: Document }, html: string): void {
  const parsed = new page.window.DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const nodes = [...parsed.body.childNodes].map((node) => page.doc.importNode(node as unknown as Node, true));
  page.doc.body.replaceChildren(...nodes);
}

/** Stands in for StaticRange (happy-dom has none): keeps what it was made with. */
export class RecordedRange {
  constructor(readonly init: { startContainer: Node }) {}
}

/** A highlight layer that lists, for each mark drawn, the id of its text's parent element. */
export function recordingLayer(marked: string[]): HighlightLayer {
  return {
    add: (_topic: string, range: RecordedRange) => marked.push((range.init.startContainer.parentNode as Element).id),
    delete: () => {},
  } as unknown as HighlightLayer;
}

/** Counts, from now on, how often `target`'s `property` (a getter of `proto`, such as a text
 *  node's `data`) is read. */
export function countReads(target: object, proto: object, property: string): () => number {
  let reads = 0;
  const getter = Object.getOwnPropertyDescriptor(proto, property)!.get!;
  Object.defineProperty(target, property, {
    get() {
      reads++;
      return getter.call(this);
    },
  });
  return () => reads;
}
