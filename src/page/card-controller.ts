// The hover card's life in one frame: pointer and keyboard in, one card out.
//
//   mousemove ─(1 per frame)─▶ hit test ─▶ HoverIntent ─▶ open/close ─▶ Card in <context-overlay>
//   command / popup "Show" ─▶ next mention in reading order ─▶ scroll, open, focus the card
import type { NextAnswer, NextStep } from '../messages';
import type { TopicId } from '../pack/types';
import type { Box } from './clipping';
import type { CardUi } from '../ui/Card';
import { liveRange, mentionAtPoint } from './hit-test';
import { HoverIntent, type HoverDelays } from './hover-intent';
import type { MentionIndex } from './mention-index';
import { OverlayHost } from './overlay-host';
import type { PageMention } from './page-mention';

export interface CardControllerOptions {
  cardCss: string;
  index: MentionIndex;
  delays?: HoverDelays;
  /** Opens the bundled article, at a sentence if given. */
  openArticle(sentence?: string): void;
  /** The article reader's URL, at a sentence if given. */
  articleUrl(sentence?: string): string;
  /** Open shadow roots whose text is marked (the hit test must look into them). */
  shadowRoots?(): ShadowRoot[];
  /** The card's UI, loaded when first wanted (see card-ui.ts). */
  cardUi(): Promise<CardUi>;
  /** A keyboard card in this subframe closed with the focus, which had come from another
   *  frame: only the top frame can put it back (src/messages.ts, `focus-back`). */
  focusBackOutside?(): void;
}

export interface CardController {
  /** One step of the keyboard's path through a tab's frames (see NextStep), once the card's
   *  UI is here (it tells what hides a mention). */
  stepNext(topic: TopicId | undefined, step: NextStep): Promise<NextAnswer>;
  /** Closes the card if its mention is gone from the index (the page changed its text). */
  closeIfGone(): void;
  /** The top frame: a keyboard card in a subframe closed; the focus goes back to where it
   *  was here before the keyboard's path went into the frames, if it is still in a frame. */
  takeFocusBack(): void;
}

/** How long a keyboard step waits for the card's UI before it answers that it has nothing to
 *  show (the background gives a frame a second: src/top-page.ts). */
const UI_WAIT_MS = 700;

/** An element that holds another frame (the focus or the pointer went into it). */
const isFrame = (el: Element | null) => el !== null && /^(IFRAME|FRAME|OBJECT|EMBED)$/.test(el.tagName);

export function startCardController(options: CardControllerOptions, signal: AbortSignal): CardController {
  const { index } = options;
  const host = new OverlayHost(options.cardCss);
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
  let ui: CardUi | null = null;
  let loadingUi: Promise<CardUi | null> | null = null;
  // Asked for as soon as the pointer is over a mark, before the hover delay runs out. Once
  // only: a module that failed to load fails again from the same URL (no cards then).
  const loadUi = () =>
    (loadingUi ??= options.cardUi().then(
      (loaded) => (ui = loaded),
      () => null,
    ));
  /** Cards asked for so far: one whose UI came late is drawn only if no other was asked since. */
  let opens = 0;

  const dialog = () => host.element?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
  /** Where the card's mention last stood on screen (its first line), to find its words again
   *  when the page puts them in new nodes. */
  let placedAt: Box | null = null;
  const place = (drawWith: CardUi, mention: PageMention, el: HTMLElement) => {
    unplace?.();
    const placed = drawWith.place(
      liveRange(mention),
      el,
      (line) => (placedAt = line),
      // (Later: placing runs inside the card's opening, and closing it there would reenter.)
      () => queueMicrotask(() => intent.current === mention && intent.dismiss()),
    );
    // The mention may move from under a still pointer (a ticker): what is under it is looked
    // at again as the card is looked at (no mousemove comes).
    const under = setInterval(() => {
      if (pointer && !pointer.onHost && intent.current === mention && !intent.pinnedOpen) {
        intent.pointerOver(mentionUnderPointer());
      }
    }, 250);
    unplace = () => {
      placed();
      clearInterval(under);
    };
  };
  const closeCard = () => {
    unplace?.();
    unplace = null;
    placedAt = null;
    host.hide();
  };
  const showCard = (drawWith: CardUi, mention: PageMention, focus: boolean) => {
    closeCard();
    try {
      // Inside an open modal dialog, the card goes in it: anywhere else it would sit under
      // the dialog's backdrop, inert. (Not in one that holds fixed boxes itself, centred with
      // a transform: the card would be placed off and cut off by it.)
      const modal = drawWith.openModal();
      host.show(
        drawWith,
        {
          topic: mention.topic,
          onPointerOnCard: (on: boolean) => intent.pointerOnCard(on),
          onOpenArticle: options.openArticle,
          articleUrl: options.articleUrl,
        },
        modal?.contains(mention.nodes[0] ?? null) && !drawWith.holdsFixedBoxes(modal)
          ? modal
          : document.documentElement,
      );
    } catch {
      // The page made our host unusable (it defined <context-overlay> as an element of its
      // own, with a shadow root already): no card, and nothing of ours left behind.
      host.dispose();
      intent.reset();
      return;
    }
    const el = dialog();
    if (el) place(drawWith, mention, el);
    if (focus) el?.focus({ preventScroll: true });
  };
  const intent = new HoverIntent<PageMention>(
    {
      open(mention) {
        // Only the card asked for from the keyboard takes focus, never one the pointer opens.
        const focus = focusWanted;
        focusWanted = false;
        // A card the pointer opens over one the keyboard opened: the focus goes back first.
        if (!focus) giveFocusBack();
        const asked = ++opens;
        if (ui) return showCard(ui, mention, focus);
        closeCard();
        void loadUi().then((loaded) => {
          // Still the card wanted once its UI has come (the pointer may have moved on)?
          if (signal.aborted || asked !== opens || intent.current !== mention) return;
          // No UI, no card: nothing stays open that the reader cannot see.
          if (loaded) showCard(loaded, mention, focus);
          else intent.reset();
        });
      },
      close() {
        const hadFocus = focusInCard(); // (closing takes it to the page's body)
        closeCard();
        giveFocusBack(hadFocus);
      },
      moved(mention) {
        const el = dialog();
        if (el && ui) place(ui, mention, el);
      },
    },
    options.delays,
  );

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

  signal.addEventListener('abort', () => {
    intent.reset();
    host.dispose();
  });

  // Pointer: one passive listener; a hit test per animation frame at most.
  let pointer: { x: number; y: number; onHost: boolean } | null = null;
  /** The mention under the pointer's last position (null if it has left the frame). */
  const mentionUnderPointer = () =>
    pointer && safeMentionAt(index, pointer.x, pointer.y, options.shadowRoots?.() ?? []);
  let framePending = false;
  // Only the reader's own input opens and closes cards: a page script could dispatch these
  // events, and learn from the card what the reader set (or move their focus).
  const onPointerMove = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    // A button held down: the reader is selecting text, and a card would cover where the
    // selection is going. Over nothing of ours until it is let go.
    if (event.buttons !== 0) {
      pointer = null;
      intent.pointerOver(null);
      return;
    }
    pointer = { x: event.clientX, y: event.clientY, onHost: event.target === host.element };
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      if (signal.aborted || !pointer) return;
      if (pointer.onHost) return; // the card's own mouseenter/leave handle this
      const mention = mentionUnderPointer();
      if (mention && !ui) void loadUi();
      intent.pointerOver(mention);
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'Tab' && focusInCard()) return tabOut(event);
    // (An Escape that cancels an input method's composition is the editor's.)
    if (!event.isTrusted || event.key !== 'Escape' || event.isComposing || !intent.current) return;
    // The card is the topmost layer: this Escape is its own. The page's modal dialog, lightbox
    // or menu under it stays open (the next Escape is theirs).
    event.preventDefault();
    event.stopImmediatePropagation();
    intent.dismiss(); // the focus, if still in the card, goes back (see close)
  };
  /** Tab past the card's last link, or Shift+Tab before its first, leaves the card: it closes
   *  and the focus goes back where it was (the card sits at the page's end, where the next Tab
   *  would have gone on from the top of the page or out of it). */
  const tabOut = (event: KeyboardEvent) => {
    const card = dialog();
    const focused = host.element?.shadowRoot?.activeElement ?? null;
    if (!card || event.altKey || event.ctrlKey || event.metaKey) return;
    const stops = [...card.querySelectorAll<HTMLElement>('a[href], button, summary, [tabindex="0"]')];
    const out = event.shiftKey ? focused === card || focused === stops[0] : focused === (stops.at(-1) ?? card);
    if (!out) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    intent.dismiss();
  };
  const onPointerDown = (event: PointerEvent) => {
    if (event.isTrusted && intent.wanted && event.target !== host.element) {
      // The click puts the focus where it lands, in this frame or another.
      focusBefore = null;
      focusFromOutside = false;
      focusBeforeFrames = null;
      intent.dismiss();
    }
  };
  const listen = { capture: true, passive: true, signal } as const;
  document.addEventListener('mousemove', onPointerMove, listen);
  // On the window, in its capture phase: ahead of the page's own listeners except window
  // capture listeners it added before ours (we start once the reader's settings are read).
  window.addEventListener('keydown', onKeyDown, { capture: true, signal });
  document.addEventListener('pointerdown', onPointerDown, listen);
  // Scrolling moves text under a resting pointer without any mousemove.
  document.addEventListener('scroll', (event) => event.isTrusted && pointer && intent.pointerOver(null), listen);
  // Leaving the document (a frame's edge, the window) or entering a child frame ends the
  // mousemoves we see: without this a card in a frame stayed open once the pointer left it.
  const onPointerOut = (event: MouseEvent) => {
    if (!event.isTrusted) return;
    const to = event.relatedTarget;
    if (to === null || (to instanceof Element && isFrame(to))) {
      pointer = null; // (where it was is no longer where it is: see the look for moving text)
      intent.pointerOver(null);
    }
  };
  document.addEventListener('mouseout', onPointerOut, listen);

  /** Where the keyboard goes on from: the card open, else the mention it last went to. */
  const from = () => intent.current ?? (lastByKeyboard && index.has(lastByKeyboard) ? lastByKeyboard : null);
  /** Scrolls `next` into view and opens its card with the focus in it. */
  const goTo = (next: PageMention, drawWith: CardUi) => {
    // A box that scrolls on its own (a sidebar, a dialog's body) brings the mention into
    // its view first; then the window puts it a third of the way down.
    drawWith.scrollBoxesTo(liveRange(next), next.nodes[0]?.parentElement ?? null);
    const rect = liveRange(next).getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > innerHeight) {
      window.scrollBy({ top: rect.top - innerHeight / 3, behavior: 'instant' });
    }
    // From one card to the next, the focus goes back in the end where it was before the first.
    if (!focusInCard()) {
      // Back from a frame's card: the focus goes back where it was before the frames had it.
      const focused = deepActiveElement();
      focusBefore = isFrame(focused) && focusBeforeFrames ? focusBeforeFrames : focused;
      focusFromOutside = !document.hasFocus();
    }
    focusWanted = true;
    lastByKeyboard = next;
    intent.openNow(next);
  };
  /** The mention the keyboard last went to: the next press goes on from it, even if its card
   *  closed meanwhile (Escape, a click, its text scrolled away). */
  let lastByKeyboard: PageMention | null = null;
  /** The keyboard's path may go on into a frame: where the focus is now is where it comes
   *  back to (see takeFocusBack). */
  const leaving = (answer: NextAnswer): NextAnswer => {
    // (Not a frame: the focus is in one of the frames' cards already, and where it was before
    // that is what it goes back to.)
    const focused = deepActiveElement();
    if (window === window.top && !isFrame(focused)) focusBeforeFrames = focused;
    return answer;
  };

  /** Keyboard steps asked for so far: one whose UI came late goes on only if no card was
   *  asked for since (what the reader asked for last is drawn). */
  let steps = 0;

  return {
    async stepNext(topic, step) {
      const asked = ++steps;
      const openedBefore = opens;
      const drawWith =
        ui ?? (await Promise.race([loadUi(), new Promise<null>((late) => setTimeout(() => late(null), UI_WAIT_MS))]));
      // No UI (or not in time: the background has moved on), no card.
      if (!drawWith || signal.aborted) return 'none';
      if (asked !== steps || opens !== openedBefore) return 'shown'; // another card was asked for meanwhile
      const current = from();
      if (step === 'continue' && !current) return leaving('none');
      const next = drawWith.nextMention(index, step === 'first' ? null : current, topic);
      if (next) {
        goTo(next, drawWith);
        return 'shown';
      }
      if (step === 'first') return leaving('none');
      // Past this frame's last: its card closes, and the tab's next frame goes on.
      lastByKeyboard = null;
      intent.dismiss();
      return leaving('end');
    },
    takeFocusBack() {
      const target = focusBeforeFrames;
      focusBeforeFrames = null;
      // Only while the focus is still in a frame: a reader who went elsewhere keeps it there.
      if (target instanceof HTMLElement && target.isConnected && isFrame(document.activeElement)) {
        target.focus({ preventScroll: true });
      }
    },
    closeIfGone() {
      const current = intent.current;
      // (Or no longer counted: a namesake further down took its mark back.)
      if (current && (!index.has(current) || !current.accepted)) {
        // A live page re-rendered the mention's paragraph (a feed, "updated 5 s ago" beside
        // it): the card stays on the same words where they stand now.
        const again = placedAt && ui?.sameWords(index, current, placedAt);
        if (again) intent.replace(again);
        else intent.reset();
      }
      // A card about to open for words the page just replaced: for what is under the
      // pointer now (the still pointer sends no mousemove).
      const wanted = intent.wanted;
      if (wanted && wanted !== intent.current && (!index.has(wanted) || !wanted.accepted)) {
        intent.pointerOver(pointer && !pointer.onHost ? mentionUnderPointer() : null);
      }
    },
  };
}

function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function safeMentionAt(index: MentionIndex, x: number, y: number, shadowRoots: ShadowRoot[]): PageMention | null {
  try {
    return mentionAtPoint(index, x, y, shadowRoots);
  } catch {
    // A mention whose text the page changed a moment ago can no longer make a Range; the
    // pending rescan drops it.
    return null;
  }
}
