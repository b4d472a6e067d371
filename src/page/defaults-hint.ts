// The flag the background's hint script sets in the content scripts' world when the reader's
// settings draw every page as the defaults do (src/settings-hint.ts says when and why).

/** A symbol, not a name: the window's named properties (an element with that id or name)
 *  reach into the content scripts' world too, and a page must not be able to say this. */
const KEY = Symbol.for('context-overlays.hint');

/** Run by the hint script (entrypoints/settings-hint.ts). */
export function hintDefaults(): void {
  (globalThis as unknown as Record<symbol, boolean>)[KEY] = true;
}

/** Whether the hint script has run in this frame (it runs just after the content script, so
 *  the content script's first task sees it; its first lines do not). */
export const defaultsHinted = (): boolean => (globalThis as unknown as Record<symbol, unknown>)[KEY] === true;
