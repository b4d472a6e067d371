// Escape closes the card wherever it is shown. Keys go to the document with the keyboard's
// focus, and a card the pointer opens in one frame of a tab leaves the focus where it was, in
// another: the tab's frames are told (src/messages.ts, `card-elsewhere`), and an Escape in one
// of them is passed on (`escape`) to close it.

export interface EscapeRelay {
  /** Another frame of the tab shows such a card, or no longer does. */
  cardElsewhere(shown: boolean): void;
}

/** Passes the next Escape pressed in this frame on (`passOn`) while another frame's card is
 *  shown. Stops with `signal`. */
export function relayEscape(passOn: () => void, signal: AbortSignal): EscapeRelay {
  let listening: AbortController | null = null;
  const stop = () => {
    listening?.abort();
    listening = null;
  };
  signal.addEventListener('abort', stop);
  return {
    cardElsewhere(shown) {
      stop();
      if (!shown || signal.aborted) return;
      const own = (listening = new AbortController());
      const onKeyDown = (event: KeyboardEvent) => {
        // (An Escape that cancels an input method's composition is the editor's.)
        if (!event.isTrusted || event.key !== 'Escape' || event.isComposing) return;
        // The card is the topmost layer: this Escape is its own, as in its own frame
        // (card-controller.ts). The page's dialog or menu waits for the next one.
        event.preventDefault();
        event.stopImmediatePropagation();
        stop();
        passOn();
      };
      window.addEventListener('keydown', onKeyDown, { capture: true, signal: own.signal });
    },
  };
}
