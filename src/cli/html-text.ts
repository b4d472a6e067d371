// Node-only: the visible text of an HTML file, cut into blocks by the very code the content
// script uses (src/page/text-blocks.ts), over a happy-dom document.
import { Window } from 'happy-dom';
import type { Block } from '../match/page-scan';
import { rowAround } from '../page/table-row';
import { collectRuns, inBoilerplate, LINE_BREAK } from '../page/text-blocks';

/** Separates blocks in the visible text the CLI reports offsets into. */
export const BLOCK_SEPARATOR = '\n\n';

export interface HtmlText {
  /** The document's title: page context, not part of `text`. */
  title: string;
  /** The blocks' text joined by BLOCK_SEPARATOR; a line break element reads as "\n". */
  text: string;
  blocks: Block[];
}

export function htmlText(html: string): HtmlText {
  const window = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  // text-blocks.ts reads the DOM constants from the global scope, as in a browser.
  const scope = globalThis as Record<string, unknown>;
  scope.Node ??= window.Node;
  scope.NodeFilter ??= window.NodeFilter;
  try {
    const document = new window.DOMParser().parseFromString(asBrowsersRead(html), 'text/html');
    // A declarative shadow root (`<template shadowrootmode>`) is shown by a browser, which
    // attaches it as it parses and the content script reads it: its text goes where it stands
    // (before the host's own children, which its slots would show). A plain template stays inert.
    for (const template of [...document.querySelectorAll('template[shadowrootmode]')]) {
      template.replaceWith((template as unknown as { content: Node }).content as never);
    }
    const root = (document.body ?? document.documentElement) as unknown as Node;
    const blocks: Block[] = [];
    let text = '';
    for (const run of collectRuns(root)) {
      if (blocks.length > 0) text += BLOCK_SEPARATOR;
      // LINE_BREAK keeps mentions from spanning a <br>; in the report it reads as a newline
      // (same length, so offsets hold).
      const runText = run.text.split(LINE_BREAK).join('\n');
      const around = rowAround(run.block);
      blocks.push({
        text: run.text,
        offset: text.length,
        boilerplate: inBoilerplate(run.nodes[0]),
        ...(around ? { around } : {}),
      });
      text += runText;
    }
    return { title: document.title, text, blocks };
  } finally {
    void window.happyDOM.close();
  }
}

/** The markup as a browser's parser takes it, where happy-dom's differs: line ends as "\n"
 *  (the input stream's first step). */
export function asBrowsersRead(html: string): string {
  return html.replace(/\r\n?/g, '\n');
}
