// Everything the extension does in one frame while it is on for the site:
//
//   parser ──ParseFollower (while loading)──┐
//   document ──scanPage (already loaded)────┼─▶ prefilter ─▶ candidate blocks ─▶ text runs
//      │                                    │     ─Matcher─▶ mentions ─▶ CSS highlights (StaticRange)
//      └─ MutationObserver (batched) ─ changed blocks ─┘
//   pointer / keyboard ──▶ card controller ──▶ <context-overlay> shadow root ──▶ Card (Preact)
//
// Every listener, observer and timer hangs off one AbortSignal: aborting it leaves the page
// exactly as it was (no highlight names, no host element).
import type { Matcher } from '../match/matcher';
import type { Prefilter } from '../match/prefilter';
import type { TopicId } from '../pack/types';
import { startCardController, type CardController } from './card-controller';
import type { CardUi } from '../ui/Card';
import { HighlightLayer } from './highlight-layer';
import type { HoverDelays } from './hover-intent';
import { watchMutations } from './mutation-watcher';
import { PageScanner } from './page-scanner';
import { ParseFollower } from './parse-follower';
import { BEFORE_PAINT_MS, runAheadOfPage, yieldToPage } from './yield-to-page';
import { ShadowRoots } from './shadow-roots';
import { watchShownCounts, type ShownCounts } from './shown-text';
import { pagePainted } from './viewport';
import { every } from './timers';

export interface FrameOverlayOptions {
  /** The topics looked for (one highlight each). */
  topics: readonly TopicId[];
  prefilter: Prefilter;
  /** Builds the matcher; called only once some text that may hold a mention passes the
   *  prefilter. */
  matcher(): Matcher;
  /** The card's UI, loaded when first wanted (see card-ui.ts). */
  cardUi(): Promise<CardUi>;
  hoverDelays?: HoverDelays;
  /** Called (at most once per batch) when the mention counts may have changed: `counts()`
   *  then tells them. */
  onCounts(): void;
  openArticle(sentence?: string): void;
  articleUrl(sentence?: string): string;
  /** See CardControllerOptions.focusBackOutside. */
  focusBackOutside?(): void;
  /** See CardControllerOptions.cardWithoutFocus. */
  cardWithoutFocus?(shown: boolean): void;
}

export type FrameOverlay = Pick<CardController, 'stepNext' | 'takeFocusBack' | 'dismiss'> &
  Pick<ShownCounts, 'counts' | 'forget' | 'any'> &
  Pick<HighlightLayer, 'restore'>;

export function startFrameOverlay(options: FrameOverlayOptions, signal: AbortSignal): FrameOverlay {
  const layer = new HighlightLayer(options.topics);
  const scanner = new PageScanner(options.prefilter, options.matcher, layer);
  const shadows = new ShadowRoots();
  const cards = startCardController(
    {
      cardUi: options.cardUi,
      index: scanner.index,
      ...(options.hoverDelays ? { delays: options.hoverDelays } : {}),
      openArticle: options.openArticle,
      articleUrl: options.articleUrl,
      shadowRoots: () => shadows.scanned(),
      ...(options.focusBackOutside ? { focusBackOutside: options.focusBackOutside } : {}),
      ...(options.cardWithoutFocus ? { cardWithoutFocus: options.cardWithoutFocus } : {}),
    },
    signal,
  );
  signal.addEventListener('abort', () => {
    scanner.clear();
    layer.dispose();
  });

  const shown = watchShownCounts(
    () => scanner.index.values(),
    () => scanner.counts(),
    () => options.onCounts(),
    signal,
  );
  const report = () => {
    if (signal.aborted) return;
    // (A step that found no text to match after a change has not settled the marks yet.)
    scanner.settleIfNeeded();
    // A mark taken back (a namesake further down) closes its card, or the one about to open.
    cards.closeIfGone();
    shown.scanned();
    options.onCounts();
  };

  // Open shadow roots under what was scanned: each is watched, and its top-level elements
  // scanned like blocks (text directly in a shadow root, outside any element, is not).
  const scanShadowRoots = async (roots: readonly Node[]) => {
    for (const root of await shadows.discover(roots, signal)) {
      if (signal.aborted) return;
      watcher.observe(root);
      // (A root found again, its host gone and back, may still hold its old mentions: scan
      // forgets them.)
      await scanner.scan([...root.children], signal);
    }
  };

  // Started while the page loads (document_start): follow the parser, and finish the moment
  // the document is parsed. Otherwise scan what is there.
  const follower = document.readyState === 'loading' ? new ParseFollower(scanner, document) : null;
  let following = follower !== null;
  let parsed = false;

  // Steps and batches wait for each other, so no block is scanned twice at once. A failure
  // in one must not stop the ones after it.
  let work: Promise<unknown> = Promise.resolve();
  /** The page as it stands, afresh: what a script put beside <body> and the open shadow roots
   *  too. */
  const scanWhole = async (options: { firstSliceMs?: number; viewportFirst?: boolean }) => {
    scanner.absorbContext(document.title);
    const body = document.body ?? document.documentElement;
    await scanner.scanPage(body, signal, options);
    // The page's own DOMContentLoaded listeners first (one may define the custom elements whose
    // shadow roots are looked for next): the rest need not hold up the page.
    await yieldToPage();
    if (signal.aborted) return;
    // What a script put beside <body>, under <html> (the parser puts everything in it).
    const beside =
      body === document.documentElement
        ? []
        : [...document.documentElement.childNodes].filter((n) => n !== body && n !== document.head);
    await scanner.scan(beside, signal);
    await scanShadowRoots([body, ...beside]);
    report();
  };

  const enqueue = (next: () => unknown) => {
    work = work.then(next).catch(() => undefined);
  };
  let stepSoon = false;
  const step = () => {
    if (stepSoon || !following) return;
    stepSoon = true;
    runAheadOfPage(() => {
      stepSoon = false;
      if (!following) return;
      enqueue(async () => {
        // (Not once the page was given up meanwhile: see the watcher's `loading` hooks below.)
        if (signal.aborted || !following) return;
        // Changes made from here on may fall behind the walk.
        watcher.watch();
        if (await follower?.step(false, signal)) report();
      });
    });
  };
  if (follower) {
    scanner.absorbContext(document.title);
    step();
    const finish = () => {
      if (parsed) return;
      parsed = true;
      // The parser's last insertions may not have reached the observer yet: DOMContentLoaded
      // is dispatched in the task that ends parsing, and ours is usually its first listener, so
      // they would come after this as page changes, and everything the parser added since the
      // last step (the whole page, parsed in one piece) would be scanned twice. Sorted now,
      // while the follower still takes the parser's own.
      // (Its time is the last step's: one stretch before the first paint, not two.)
      const since = performance.now();
      watcher.sortPending();
      watcher.watch();
      following = false;
      fallback();
      if (signal.aborted) return;
      // A page the parser took in one go has not been walked at all: it gets scanPage's cheap
      // pre-check. So does a page given up while it loaded, afresh (the marks made before go in
      // the same task), after the step it was given up in (which ends at its next yield, or at
      // a long block's end).
      if (!follower.started) {
        enqueue(() => {
          scanner.clear();
          shadows.forget();
          return scanWhole({ firstSliceMs: BEFORE_PAINT_MS });
        });
        return;
      }
      scanner.absorbContext(document.title);
      // At once, not after the work in flight (see ParseFollower.step).
      const last = follower.step(true, signal, since);
      enqueue(async () => {
        await last;
        // The page's own DOMContentLoaded listeners first: finding open shadow roots means a
        // walk over every element (2–4 ms on a long page), which the marks need not wait for.
        if (signal.aborted) return;
        await yieldToPage();
        if (signal.aborted) return;
        // A removal the follower judged ahead of the walk may have taken text it had passed
        // (a script moved its place up the page first): those mentions go now, in one check.
        scanner.dropDetached();
        cards.closeIfGone();
        await scanShadowRoots([document.body ?? document.documentElement]);
        report();
      });
    };
    // The browser's event only: a page script's own DOMContentLoaded would end the following
    // while the parser still runs.
    document.addEventListener('DOMContentLoaded', (event) => event.isTrusted && finish(), { signal });
    // document.open() erases every listener, ours too: then the end of parsing is noticed
    // here (at most 250 ms late).
    const fallback = every(250, () => document.readyState !== 'loading' && finish());
    signal.addEventListener('abort', fallback);
  } else {
    // Cheap when there is nothing to find: a screenful is walked, the rest only pre-checked
    // (see scanPage). The reader may be anywhere on a page already shown: the screen first.
    // A page parsed but not yet painted (the settings came late) is like one at
    // DOMContentLoaded: one longer stretch, so its first layout does not go before the marks.
    enqueue(() => scanWhole(pagePainted() ? { viewportFirst: true } : { firstSliceMs: BEFORE_PAINT_MS }));
  }
  const watcher = watchMutations(
    document,
    (batch) => {
      enqueue(async () => {
        if (signal.aborted) return;
        scanner.dropRemoved(batch.removedNodes);
        await scanner.scan(batch.roots, signal, batch.ownText);
        await scanShadowRoots(batch.roots);
        cards.closeIfGone();
        report();
      });
    },
    signal,
    (node) => scanner.dropUnder([node]),
    follower
      ? {
          behind: (records) => {
            if (!following) return records;
            // (Not for the parser's last records, sorted as the page is parsed: see finish.)
            if (parsed || !follower.outgrown(records.length)) return follower.behind(records);
            // Given up until the page is parsed; the shadow roots found meanwhile are watched
            // still.
            following = false;
            follower.stop();
            watcher.pause();
            for (const root of shadows.scanned()) watcher.observe(root);
            return [];
          },
          onSkipped: step,
        }
      : undefined,
  );
  const { stepNext, takeFocusBack, dismiss } = cards;
  const restore = () => layer.restore();
  return { stepNext, takeFocusBack, dismiss, counts: shown.counts, forget: shown.forget, any: shown.any, restore };
}
