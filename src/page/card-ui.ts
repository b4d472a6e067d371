// The card's UI (Preact and the Card component) in a file of its own, imported when the
// pointer first comes over a mark in a frame: a page where it never does never parses it, and
// the content script the browser runs on every page stays small (issue 6: "card UI code should
// not slow the first scan"). The file registers itself here when it runs, in the content
// script's own world: a dynamic import() from a content script runs there.
import type { CardUi } from '../ui/Card';

/** A symbol, not a name: the window's named properties (an element with that id or name)
 *  reach into the content script's world too. */
const KEY = Symbol.for('context-overlays.card-ui');

/** Called by the card UI's own file (entrypoints/card-ui.ts) as it runs. */
export function registerCardUi(ui: CardUi): void {
  (globalThis as unknown as Record<symbol, CardUi>)[KEY] = ui;
}

/** The card UI from its file at `url` (imported once per frame). */
export async function loadCardUi(url: string): Promise<CardUi> {
  const registered = () => (globalThis as unknown as Record<symbol, CardUi | undefined>)[KEY];
  if (!registered()) await import(/* @vite-ignore */ url);
  const ui = registered();
  if (typeof ui?.render !== 'function') throw new Error(`the card UI in ${url} did not register`);
  return ui;
}
