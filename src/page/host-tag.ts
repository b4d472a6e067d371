/** Our UI host's tag name (its `localName`); its subtree is never scanned. A module of its own: the card's UI
 *  (card-ui.js) needs the name, not the text-block rules that come with text-blocks.ts. */
export const HOST_TAG = 'context-overlay';
