// Escape closes the card wherever it is shown. Keys go to the document with the keyboard's
// focus, and a card the pointer opens in one frame of a tab leaves the focus where it was, in
// another: the tab's frames are told (src/messages.ts, `card-elsewhere`), and an Escape in one
// of them is passed on (`escape`) to close it.

export interface EscapeRelay {
  /** The frame of document `documentToken` shows such a card, or no longer does. */
  cardElsewhere(shown: boolean, documentToken: string): void;
}

/** Passes the next Escape pressed in this frame on (`passOn`) while another frame's card is
 *  shown. Stops with `signal`. */
export function relayEscape(passOn: () => void, signal: AbortSignal): EscapeRelay {
  /** The documents that said they show one (a card closing late in one frame must not stop
   *  the look out for the card just opened in the next). */
  const showing = new Set<string>();
  let listening: AbortController | null = null;
  const stop = () => {
    listening?.abort();
    listening = null;
  };
  signal.addEventListener('abort', stop);
  const onKeyDown = (event: KeyboardEvent) => {
    // (An Escape that cancels an input method's composition is the editor's.)
    if (!event.isTrusted || event.key !== 'Escape' || event.isComposing) return;
    // The card is the topmost layer: this Escape is its own, as in its own frame
    // (card-controller.ts). The page's dialog or menu waits for the next one.
    event.preventDefault();
    event.stopImmediatePropagation();
    showing.clear();
    stop();
    passOn();
  };
  return {
    cardElsewhere(shown, documentToken) {
      if (shown) showing.add(documentToken);
      else showing.delete(documentToken);
      if (showing.size === 0 || signal.aborted) stop();
      else if (!listening) {
        listening = new AbortController();
        window.addEventListener('keydown', onKeyDown, { capture: true, signal: listening.signal });
      }
    },
  };
}
