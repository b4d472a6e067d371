/** Delays that make a hover card feel deliberate (MediaWiki Page Previews' values, roughly). */
import { after, type Cancel } from './timers';
export interface HoverDelays {
  /** The pointer must rest on a mark this long before its card opens. */
  showMs: number;
  /** Grace after the pointer leaves both mark and card, so it can travel between them. */
  hideMs: number;
}

export const DEFAULT_HOVER_DELAYS: HoverDelays = { showMs: 250, hideMs: 300 };

/**
 * When to open and close a hover card, from pointer events alone: a quick pass over a mark
 * opens nothing, the card stays while the pointer is on the mark or the card, and Escape
 * closes it until the pointer leaves that mark. Knows nothing of the DOM.
 */
export class HoverIntent<T> {
  #shown: T | null = null;
  #pending: T | null = null;
  #onCard = false;
  #dismissed: T | null = null;
  /** Opened from the keyboard: the pointer wandering elsewhere does not close it. */
  #pinned = false;
  #showTimer: Cancel | undefined;
  #hideTimer: Cancel | undefined;

  readonly #view: { open(target: T): void; close(): void; moved?(target: T): void };
  readonly #delays: HoverDelays;

  constructor(
    view: { open(target: T): void; close(): void; moved?(target: T): void },
    delays: HoverDelays = DEFAULT_HOVER_DELAYS,
  ) {
    this.#view = view;
    this.#delays = delays;
  }

  get current(): T | null {
    return this.#shown;
  }

  /** The card shown was opened from the keyboard (it stays until Escape or a click). */
  get pinnedOpen(): boolean {
    return this.#pinned && this.#shown !== null;
  }

  /** The target shown, or about to be. */
  get wanted(): T | null {
    return this.#shown ?? this.#pending;
  }

  /** The page put the shown target's words in new nodes (a live page re-rendering them):
   *  the card stays open, on `target`, as it was (pinned, the pointer on it or not). */
  replace(target: T): void {
    if (this.#shown === null) return;
    this.#shown = target;
    this.#view.moved?.(target);
  }

  /** Opens `target` at once, from the keyboard; it stays until Escape, a click elsewhere or
   *  another card. */
  openNow(target: T): void {
    this.#cancelShow();
    this.#dismissed = null;
    this.#open(target);
    this.#pinned = true;
  }

  /** The pointer is now over `target` (a mark), or over nothing of ours (null). */
  pointerOver(target: T | null): void {
    if (target !== this.#dismissed) this.#dismissed = null;
    else if (target !== null) return;
    if (this.#pinned && target === null) return;
    if (target !== null && target === this.#shown) {
      this.#cancelShow();
      this.#cancelHide();
      return;
    }
    if (target !== this.#pending) {
      this.#cancelShow();
      if (target !== null) {
        this.#pending = target;
        this.#showTimer = after(this.#delays.showMs, () => this.#open(target));
      }
    }
    if (this.#shown !== null && !this.#onCard) this.#scheduleHide();
  }

  /** The pointer entered (true) or left (false) the open card. */
  pointerOnCard(on: boolean): void {
    this.#onCard = on;
    if (on) {
      this.#cancelShow();
      this.#cancelHide();
    } else if (this.#shown !== null && !this.#pinned) this.#scheduleHide();
  }

  /** Escape: close now, and do not reopen until the pointer leaves the mark. */
  dismiss(): void {
    if (this.#shown === null && this.#pending === null) return;
    this.#dismissed = this.#shown ?? this.#pending;
    this.#cancelShow();
    this.#close();
  }

  /** Stops all timers and closes, without remembering anything (site switched off). */
  reset(): void {
    this.#cancelShow();
    this.#close();
    this.#dismissed = null;
  }

  #open(target: T): void {
    this.#pinned = false;
    this.#pending = null;
    this.#showTimer = undefined;
    this.#cancelHide();
    this.#shown = target;
    this.#onCard = false;
    this.#view.open(target);
  }

  #close(): void {
    this.#pinned = false;
    this.#cancelHide();
    this.#onCard = false;
    if (this.#shown !== null) {
      this.#shown = null;
      this.#view.close();
    }
  }

  #scheduleHide(): void {
    if (this.#hideTimer === undefined) {
      this.#hideTimer = after(this.#delays.hideMs, () => {
        this.#hideTimer = undefined;
        this.#close();
      });
    }
  }

  #cancelShow(): void {
    this.#showTimer?.();
    this.#showTimer = undefined;
    this.#pending = null;
  }

  #cancelHide(): void {
    this.#hideTimer?.();
    this.#hideTimer = undefined;
  }
}
