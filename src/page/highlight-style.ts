import type { TopicId } from '../pack/types';
import type { HighlightStyle } from '../settings-schema';
import { highlightName } from './highlight-layer';

/**
 * The reader's mark style. "both" is what the manifest's content-script stylesheet draws; the
 * other styles switch one half off with a constructed sheet adopted by the document — a
 * stylesheet, not a node, so the page's DOM stays untouched. Returns the cleanup.
 */
export function applyHighlightStyle(style: HighlightStyle, topics: readonly TopicId[]): () => void {
  if (style === 'both') return () => {};
  const property = style === 'underline' ? 'background-color: transparent' : 'text-decoration: none';
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(topics.map((t) => `::highlight(${highlightName(t)}) { ${property} !important; }`).join('\n'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
