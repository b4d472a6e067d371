// The hover card's life in one frame: pointer and keyboard in, one card out.
//
//   mousemove ─(1 per frame)─▶ hit test ─▶ HoverIntent ─▶ open/close ─▶ ShownCard ─▶ Card in <context-overlay>
//   command / popup "Show" ─▶ next mention in reading order ─▶ scroll, open, focus the card
//
// What shows a card once it is wanted (shown-card.ts) comes with the card's UI: this file,
// in every page's content script, only decides when a card is wanted.
import type { NextAnswer, NextStep } from '../messages';
import type { TopicId } from '../pack/types';
import type { CardUi } from '../ui/Card';
import { isFrame } from './frame-element';
import { mentionAtPoint } from './hit-test';
import { HoverIntent, type HoverDelays } from './hover-intent';
import type { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';
import type { ShownCard } from './shown-card';
import { after } from './timers';

export interface CardControllerOptions {
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
  /** A card opened here while the keyboard's focus was in another document (another frame,
   *  or a frame of this one), or that card closed: an Escape there must close it
   *  (escape-relay.ts). */
  cardWithoutFocus?(shown: boolean): void;
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
  /** Closes the card shown, as Escape does here (an Escape pressed in another frame). */
  dismiss(): void;
}

/** How long a keyboard step waits for the card's UI before it answers that it has nothing to
 *  show (the background gives a frame a second: src/top-page.ts). */
const UI_WAIT_MS = 700;

export function startCardController(options: CardControllerOptions, signal: AbortSignal): CardController {
  const { index } = options;
  /** The card's UI once it has come, and with it what draws and places the card. */
  let ui: CardUi | null = null;
  let shown: ShownCard | null = null;
  let loadingUi: Promise<CardUi | null> | null = null;
  // Asked for as soon as the pointer is over a mark, before the hover delay runs out. Once
  // only: what fails to run it fails again (a frame the browser will not let the extension
  // script, a content script left behind by an update): no cards then.
  const loadUi = () =>
    (loadingUi ??= options
      .cardUi()
      .then((loaded) => {
        // (Nothing to show for a controller stopped meanwhile.)
        if (signal.aborted) return null;
        shown = loaded.showCards(
          loaded,
          {
            intent,
            openArticle: options.openArticle,
            articleUrl: options.articleUrl,
            ...(options.focusBackOutside ? { focusBackOutside: options.focusBackOutside } : {}),
            lookUnderPointer(mention) {
              if (pointer && !pointer.onHost && intent.current === mention && !intent.pinnedOpen) {
                intent.pointerOver(mentionUnderPointer());
              }
            },
          },
          signal,
        );
        return (ui = loaded);
      })
      // A UI that fails to load or to start (another build's file): no cards.
      .catch(() => null));
  /** Cards asked for so far: one whose UI came late is drawn only if no other was asked since. */
  let opens = 0;
  /** Whether cardWithoutFocus last said a card is shown. */
  let withoutFocus = false;
  const tellWithoutFocus = (shownNow: boolean) => {
    if (shownNow !== withoutFocus) options.cardWithoutFocus?.((withoutFocus = shownNow));
  };

  const intent = new HoverIntent<PageMention>(
    {
      open(mention) {
        const asked = ++opens;
        // Keys go elsewhere: this document lacks the focus, or a frame in it has it.
        if (!document.hasFocus() || isFrame(document.activeElement)) tellWithoutFocus(true);
        if (shown) return shown.open(mention);
        void loadUi().then(() => {
          // Still a card wanted once its UI has come, and no other asked for since (the
          // pointer may have moved on)? Its words may stand in new nodes by now (closeIfGone).
          const wanted = intent.current;
          if (signal.aborted || asked !== opens || !wanted) return;
          // No UI, no card: nothing stays open that the reader cannot see.
          if (shown) shown.open(wanted);
          else intent.reset();
        });
      },
      close: () => {
        tellWithoutFocus(false);
        shown?.close();
      },
      moved: (mention) => shown?.moved(mention),
    },
    options.delays,
  );
  signal.addEventListener('abort', () => intent.reset());

  // Pointer: one passive listener; a hit test per animation frame at most.
  let pointer: { x: number; y: number; onHost: boolean } | null = null;
  /** The mention under the pointer's last position (null if it has left the frame). */
  const mentionUnderPointer = () =>
    pointer && safeMentionAt(index, pointer.x, pointer.y, options.shadowRoots?.() ?? []);
  /** The words of `gone` under the resting pointer, in the nodes the page put them in. */
  const sameWordsUnderPointer = (gone: PageMention) => {
    const under = pointer && !pointer.onHost ? mentionUnderPointer() : null;
    return under?.topic === gone.topic && under.text === gone.text ? under : null;
  };
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
    pointer = { x: event.clientX, y: event.clientY, onHost: shown?.isHost(event.target) ?? false };
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
    if (event.isTrusted && event.key === 'Tab') return shown?.tab(event);
    // (An Escape that cancels an input method's composition is the editor's.)
    if (!event.isTrusted || event.key !== 'Escape' || event.isComposing || !intent.current) return;
    // The card is the topmost layer: this Escape is its own. The page's modal dialog, lightbox
    // or menu under it stays open (the next Escape is theirs).
    event.preventDefault();
    event.stopImmediatePropagation();
    intent.dismiss(); // the focus, if still in the card, goes back (see ShownCard.close)
  };
  const onPointerDown = (event: PointerEvent) => {
    if (event.isTrusted && intent.wanted && !shown?.isHost(event.target)) {
      // The click puts the focus where it lands, in this frame or another.
      shown?.forgetFocus();
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
  /** The mention the keyboard last went to: the next press goes on from it, even if its card
   *  closed meanwhile (Escape, a click, its text scrolled away). */
  let lastByKeyboard: PageMention | null = null;
  /** The keyboard's path may go on into a frame: where the focus is now is where it comes
   *  back to (see takeFocusBack). */
  const leaving = (answer: NextAnswer): NextAnswer => {
    shown?.leaving();
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
        ui ?? (await Promise.race([loadUi(), new Promise<null>((late) => after(UI_WAIT_MS, () => late(null)))]));
      // No UI (or not in time: the background has moved on), no card.
      if (!drawWith || !shown || signal.aborted) return 'none';
      if (asked !== steps || opens !== openedBefore) return 'shown'; // another card was asked for meanwhile
      const current = from();
      if (step === 'continue' && !current) return leaving('none');
      const next = drawWith.nextMention(index, step === 'first' ? null : current, topic);
      if (next) {
        shown.goTo(next);
        lastByKeyboard = next;
        return 'shown';
      }
      if (step === 'first') return leaving('none');
      // Past this frame's last: its card closes, and the tab's next frame goes on.
      lastByKeyboard = null;
      const passed = shown.passFocusOn();
      intent.dismiss();
      return leaving(passed ? 'passed' : 'end');
    },
    takeFocusBack: () => shown?.takeFocusBack(),
    dismiss: () => intent.dismiss(),
    closeIfGone() {
      const current = intent.current;
      // (Or no longer counted: a namesake further down took its mark back.)
      if (current && (!index.has(current) || !current.accepted)) {
        // A live page re-rendered the mention's paragraph (a feed, "updated 5 s ago" beside
        // it): the card stays on the same words where they stand now. (Before the card is
        // placed, its UI perhaps still loading, they are the words under the resting pointer.)
        const again = shown?.sameWords(index, current) ?? sameWordsUnderPointer(current);
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

function safeMentionAt(index: MentionIndex, x: number, y: number, shadowRoots: ShadowRoot[]): PageMention | null {
  try {
    return mentionAtPoint(index, x, y, shadowRoots);
  } catch {
    // A mention whose text the page changed a moment ago can no longer make a Range; the
    // pending rescan drops it.
    return null;
  }
}
