// The card's UI (Preact and the Card component) in a file of its own, imported when the
// pointer first comes over a mark in a frame (see extension-file.ts): the content script the
// browser runs on every page stays small (issue 6: "card UI code should not slow the first
// scan").
import type { CardUi } from '../ui/Card';
import { importRegistered, registerInWorld } from './extension-file';

const KEY = Symbol.for('context-overlays.card-ui');

/** Called by the card UI's own file (entrypoints/card-ui.ts) as it runs. */
export function registerCardUi(ui: CardUi): void {
  registerInWorld(KEY, ui);
}

/** The card UI from its file at `url` (imported once per frame). */
export function loadCardUi(url: string): Promise<CardUi> {
  return importRegistered(KEY, url, (ui): ui is CardUi => typeof (ui as CardUi | undefined)?.render === 'function');
}
