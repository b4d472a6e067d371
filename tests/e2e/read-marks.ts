// Runs inside a page (passed to Playwright's or puppeteer's evaluate), so it must not close
// over anything: the Chromium and the Firefox suites read marks the same way.

/** Text of every mark, per topic, as the page's own scripts see them in CSS.highlights. */
export function readMarks(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('context-overlay-')) continue;
    out[name.slice('context-overlay-'.length)] = [...highlight].map((r) => {
      try {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        return range.toString();
      } catch {
        return '(stale range)'; // the page changed the text and the rescan is pending
      }
    });
  }
  return out;
}
