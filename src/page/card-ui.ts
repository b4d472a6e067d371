// The card's UI (Preact and the Card component) in a file of its own, run in a frame when the
// pointer first comes over a mark there: a page where it never does never parses it, and the
// content script the browser runs on every page stays small (issue 6: "card UI code should
// not slow the first scan"). The file registers itself here when it runs, in the content
// script's own world. In Chrome the background runs it there (scripting.executeScript): a
// module a content script imports never runs on a site where the reader blocks JavaScript,
// and the file need not be web-accessible, so no page can fetch it. Firefox bundles it.
import type { CardUi } from '../ui/Card';

/** A symbol, not a name: the window's named properties (an element with that id or name)
 *  reach into the content script's world too. */
const KEY = Symbol.for('context-overlays.card-ui');

/** Called by the card UI's own file (entrypoints/card-ui.ts) as it runs. */
export function registerCardUi(ui: CardUi): void {
  (globalThis as unknown as Record<symbol, CardUi>)[KEY] = ui;
}

/** The card UI, once `run` (which runs its file in this world) has settled. */
export async function loadCardUi(run: () => Promise<unknown>): Promise<CardUi> {
  const registered = () => (globalThis as unknown as Record<symbol, CardUi | undefined>)[KEY];
  if (!registered()) await run();
  const ui = registered();
  if (typeof ui?.render !== 'function') throw new Error('no card UI');
  return ui;
}
