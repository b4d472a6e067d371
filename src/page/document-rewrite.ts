// A page that writes itself anew (`document.open()`, then `document.write()`) erases every
// event listener of its document and window, an extension's included: the overlay would go on
// marking (an observer is no listener) but open no card, and a card open then could not be
// closed. Such a page replaces its root element; the overlay is started again on the new one.

/** Calls `onRewritten` each time `doc`'s root element is replaced by another. */
export function watchDocumentRewritten(doc: Document, onRewritten: () => void, signal: AbortSignal): void {
  /** The last root the document had (kept while it has none: `document.open()` and the
   *  `write()` that follows may come in different tasks). */
  let root = doc.documentElement;
  const observer = new MutationObserver(() => {
    const now = doc.documentElement;
    if (now === null || now === root) return;
    const had = root;
    root = now;
    // The parser's first <html> is no rewrite.
    if (had !== null) onRewritten();
  });
  observer.observe(doc, { childList: true });
  signal.addEventListener('abort', () => observer.disconnect());
}
