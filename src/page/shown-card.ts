// The card once it is drawn: our host element, placing the card beside its mention, the focus
// it takes from the keyboard and gives back, and Tab leaving it. Loaded with the card's UI
// (card-ui.js, src/ui/render-card.tsx): a page where no card is ever wanted never parses it,
// and the content script keeps only what decides when a card is wanted (card-controller.ts).
import type { Box } from './clipping';
import type { CardUi } from '../ui/Card';
import { isFrame } from './frame-element';
import { liveRange } from './hit-test';
import type { HoverIntent } from './hover-intent';
import type { MentionIndex } from './mention-index';
import { OverlayHost } from './overlay-host';
import { onDarkBackground } from './page-scheme';
// (Here, not in the content script: a page where no card is ever wanted never parses it.)
import cardCss from '../ui/card.css?inline';
import type { PageMention } from './page-mention';
import { every } from './timers';

export interface ShownCardOptions {
  /** The hover timing that decides which card shows (card-controller.ts). */
  intent: HoverIntent<PageMention>;
  openArticle(sentence?: string): void;
  articleUrl(sentence?: string): string;
  /** See CardControllerOptions.focusBackOutside. */
  focusBackOutside?(): void;
  /** Looks again at what is under a still pointer, while `mention`'s card shows: the text may
   *  move from under it (a ticker) without a mousemove. */
  lookUnderPointer(mention: PageMention): void;
}

export interface ShownCard {
  /** True for our host element (the pointer or a click on the card). */
  isHost(target: EventTarget | null): boolean;
  /** Draws `mention`'s card; with the focus in it if the keyboard asked for it (goTo). */
  open(mention: PageMention): void;
  close(): void;
  /** The card's mention moved: the card goes with it. */
  moved(mention: PageMention): void;
  /** A Tab key: past the card's last stop (or Shift+Tab before its first), the card closes. */
  tab(event: KeyboardEvent): void;
  /** A click put the focus elsewhere: nothing is given back. */
  forgetFocus(): void;
  /** The keyboard's path goes on past this frame's last mention to another frame's: a focus
   *  that came from another frame goes on with it, not back (the top frame would take it
   *  back, perhaps after the next frame's card took it, and forget where it came from). True
   *  when the card held such a focus. */
  passFocusOn(): boolean;
  /** Scrolls `next` into view and opens its card with the focus in it. */
  goTo(next: PageMention): void;
  /** The keyboard's path leaves this frame for the next: where the focus is now is where
   *  takeFocusBack puts it. */
  leaving(): void;
  takeFocusBack(): void;
  /** `current`'s words where they stand now, if the page put them in new nodes. */
  sameWords(index: MentionIndex, current: PageMention): PageMention | null;
}

export function startShownCard(ui: CardUi, options: ShownCardOptions, signal: AbortSignal): ShownCard {
  const { intent } = options;
  const host = new OverlayHost(cardCss);
  let unplace: (() => void) | null = null;
  /** Where focus was before a keyboard-opened card took it, to give it back when the card
   *  closes with the focus still in it. */
  let focusBefore: Element | null = null;
  /** The focus was in another frame when the keyboard opened this frame's card. */
  let focusFromOutside = false;
  /** Where the focus was in this frame when the keyboard's path left it for the frames. */
  let focusBeforeFrames: Element | null = null;
  /** A card opened from the keyboard takes focus once it is drawn. */
  let focusWanted = false;
  /** The keyboard's path went on to another frame with a focus that had come from outside
   *  (passFocusOn): if it comes back here, the focus still counts as from outside. */
  let passedOn = false;
  /** Where the card's mention last stood on screen (its first line), to find its words again
   *  when the page puts them in new nodes. */
  let placedAt: Box | null = null;

  const dialog = () => host.element?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
  const place = (mention: PageMention, el: HTMLElement) => {
    unplace?.();
    const placed = ui.place(
      liveRange(mention),
      el,
      (line) => (placedAt = line),
      // (Later: placing runs inside the card's opening, and closing it there would reenter.)
      () => queueMicrotask(() => intent.current === mention && intent.dismiss()),
    );
    const under = every(250, () => options.lookUnderPointer(mention));
    unplace = () => {
      placed();
      under();
    };
  };
  const hide = () => {
    unplace?.();
    unplace = null;
    placedAt = null;
    host.hide();
  };
  const show = (mention: PageMention, focus: boolean) => {
    hide();
    try {
      // Inside an open modal dialog, the card goes in it: anywhere else it would sit under
      // the dialog's backdrop, inert. (Not in one that holds fixed boxes itself, centred with
      // a transform: the card would be placed off and cut off by it.)
      const modal = ui.openModal();
      host.show(
        ui,
        {
          topic: mention.topic,
          onPointerOnCard: (on: boolean) => intent.pointerOnCard(on),
          onOpenArticle: options.openArticle,
          articleUrl: options.articleUrl,
          dark: matchMedia('(prefers-color-scheme: dark)').matches || onDarkBackground(mention.nodes[0]),
        },
        modal?.contains(mention.nodes[0] ?? null) && !ui.holdsFixedBoxes(modal) ? modal : document.documentElement,
      );
    } catch {
      // The page made our host unusable (it defined <context-overlay> as an element of its
      // own, with a shadow root already): no card, and nothing of ours left behind.
      host.dispose();
      intent.reset();
      return;
    }
    const el = dialog();
    if (el) place(mention, el);
    if (focus) el?.focus({ preventScroll: true });
  };

  /** The focus in the card (the host holds it then) goes back where it was; a reader who
   *  tabbed out to the page keeps it where they put it. */
  const focusInCard = () => host.element !== null && document.activeElement === host.element;
  const giveFocusBack = (hadFocus = focusInCard()) => {
    const target = focusBefore;
    focusBefore = null;
    if (hadFocus && focusFromOutside && window !== window.top) options.focusBackOutside?.();
    else if (hadFocus && target instanceof HTMLElement && target.isConnected) target.focus({ preventScroll: true });
    focusFromOutside = false;
  };
  signal.addEventListener('abort', () => host.dispose());

  return {
    isHost: (target) => target !== null && target === host.element,
    open(mention) {
      // Only the card asked for from the keyboard takes focus, never one the pointer opens.
      const focus = focusWanted;
      focusWanted = false;
      // A card the pointer opens over one the keyboard opened: the focus goes back first.
      if (!focus) giveFocusBack();
      show(mention, focus);
    },
    close() {
      const hadFocus = focusInCard(); // (closing takes it to the page's body)
      hide();
      giveFocusBack(hadFocus);
    },
    moved(mention) {
      const el = dialog();
      if (el) place(mention, el);
    },
    tab(event) {
      const card = dialog();
      if (!focusInCard() || !card || event.altKey || event.ctrlKey || event.metaKey) return;
      const focused = host.element?.shadowRoot?.activeElement ?? null;
      const stops = [...card.querySelectorAll<HTMLElement>('a[href], button, summary, [tabindex="0"]')];
      // (The card sits at the page's end, where the next Tab would have gone on from the top
      // of the page or out of it: the focus goes back where it was instead.)
      const out = event.shiftKey ? focused === card || focused === stops[0] : focused === (stops.at(-1) ?? card);
      if (!out) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      intent.dismiss();
    },
    forgetFocus() {
      focusBefore = null;
      focusFromOutside = false;
      focusBeforeFrames = null;
      passedOn = false;
    },
    passFocusOn() {
      if (!focusFromOutside) return false;
      focusFromOutside = false;
      focusBefore = null;
      passedOn = true;
      return focusInCard();
    },
    goTo(next) {
      // A box that scrolls on its own (a sidebar, a dialog's body) brings the mention into
      // its view first; then the window puts it a third of the way down.
      ui.scrollBoxesTo(liveRange(next), next.nodes[0]?.parentElement ?? null);
      const rect = liveRange(next).getBoundingClientRect();
      if (rect.top < 0 || rect.bottom > innerHeight) {
        window.scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' });
      }
      // From one card to the next, the focus goes back in the end where it was before the first.
      if (!focusInCard()) {
        // Back from a frame's card: the focus goes back where it was before the frames had it.
        const focused = deepActiveElement();
        focusBefore = isFrame(focused) && focusBeforeFrames ? focusBeforeFrames : focused;
        // (Back here along the path: the focus this frame's last card left in it is not where
        // the reader was.)
        focusFromOutside = passedOn || !document.hasFocus();
      }
      passedOn = false;
      focusWanted = true;
      intent.openNow(next);
    },
    leaving() {
      // (Not a frame: the focus is in one of the frames' cards already, and where it was before
      // that is what it goes back to.)
      const focused = deepActiveElement();
      if (window === window.top && !isFrame(focused)) focusBeforeFrames = focused;
    },
    takeFocusBack() {
      const target = focusBeforeFrames;
      focusBeforeFrames = null;
      // Only while the focus is still in a frame: a reader who went elsewhere keeps it there.
      if (target instanceof HTMLElement && target.isConnected && isFrame(document.activeElement)) {
        target.focus({ preventScroll: true });
      }
    },
    sameWords: (index, current) => (placedAt ? ui.sameWords(index, current, placedAt) : null),
  };
}

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
