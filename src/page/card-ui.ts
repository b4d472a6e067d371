// The card's UI (Preact and the Card component) in a file of its own, loaded when the reader
// first comes to rest on a mark: a page where no card opens never parses it, and the content
// script the browser runs on every page stays small (issue 6: "card UI code should not slow
// the first scan"). The file registers itself here when it runs, in the content script's own
// world: a dynamic import() from a content script runs there.
import type { CardProps } from '../ui/Card';

/** Draws a card into `root`, or clears it (null). */
export interface CardUi {
  render(root: Element, props: CardProps | null): void;
}

const KEY = '__contextOverlaysCardUi';

/** Called by the card UI's own file (entrypoints/card-ui.ts) as it runs. */
export function registerCardUi(ui: CardUi): void {
  (globalThis as Record<string, unknown>)[KEY] = ui;
}

/** The card UI from its file at `url` (imported once per frame). */
export async function loadCardUi(url: string): Promise<CardUi> {
  const registered = () => (globalThis as unknown as Record<string, CardUi | undefined>)[KEY];
  if (!registered()) await import(/* @vite-ignore */ url);
  const ui = registered();
  if (!ui) throw new Error(`the card UI in ${url} did not register`);
  return ui;
}
