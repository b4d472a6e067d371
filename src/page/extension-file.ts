// Files of the extension's own that the content script imports when first wanted (the card's
// UI; on Chrome, a subframe's whole session): a page where they are never wanted never parses
// them. Each file registers what it exports here as it runs, in the content script's own world
// (a dynamic import() from a content script runs there), under a symbol, not a name: the
// window's named properties (an element with that id or name) reach into that world too.

/** Called by the imported file as it runs. */
export function registerInWorld(key: symbol, value: unknown): void {
  (globalThis as unknown as Record<symbol, unknown>)[key] = value;
}

/** What the file at `url` registered under `key` (imported once per frame); `ready` tells a
 *  registration that is what was asked for. */
export async function importRegistered<T>(key: symbol, url: string, ready: (value: unknown) => value is T): Promise<T> {
  const registered = () => (globalThis as unknown as Record<symbol, unknown>)[key];
  if (!ready(registered())) await import(/* @vite-ignore */ url);
  const value = registered();
  if (!ready(value)) throw new Error(`${url} did not register`);
  return value;
}
