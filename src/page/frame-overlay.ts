// Everything the extension does in one frame while it is on for the site:
//
//   document ──collectRuns──▶ text runs ──Matcher──▶ mentions ──▶ CSS highlights (StaticRange)
//      │                                                 ▲
//      └─ MutationObserver (batched) ─ changed blocks ───┘
//   pointer ──hit-test──▶ HoverIntent ──▶ <context-overlay> shadow root ──▶ Card (Preact)
//
// Every listener, observer and timer hangs off one AbortSignal: aborting it leaves the page
// exactly as it was (no highlight names, no host element).
import { h } from 'preact';
import { buildCard } from '../card/model';
import type { Matcher } from '../match/matcher';
import type { Article, TopicId, TopicPack } from '../pack/types';
import { Card } from '../ui/Card';
import { placeCard } from './card-position';
import { HighlightLayer } from './highlight-layer';
import { liveRange, mentionAtPoint } from './hit-test';
import { HoverIntent } from './hover-intent';
import { watchMutations } from './mutation-watcher';
import { OverlayHost } from './overlay-host';
import type { PageMention } from './page-mention';
import { PageScanner } from './page-scanner';

export interface FrameOverlayOptions {
  pack: TopicPack;
  article: Article;
  matcher: Matcher;
  cardCss: string;
  /** Called (at most once per batch) when the mention counts may have changed. */
  onCounts(counts: Record<TopicId, number>): void;
}

export function startFrameOverlay(options: FrameOverlayOptions, signal: AbortSignal): void {
  const { pack, article, matcher } = options;
  const layer = new HighlightLayer(pack.topics.map((t) => t.id));
  const scanner = new PageScanner(matcher, layer);
  const host = new OverlayHost(options.cardCss);
  let unplace: (() => void) | null = null;

  const closeCard = () => {
    unplace?.();
    unplace = null;
    host.hide();
  };
  const intent = new HoverIntent<PageMention>({
    open(mention) {
      closeCard();
      const card = buildCard(mention.topic, pack, article);
      host.show(h(Card, { card, onPointerOnCard: (on: boolean) => intent.pointerOnCard(on) }));
      const el = host.element?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]');
      if (el) unplace = placeCard(liveRange(mention), el);
    },
    close: closeCard,
  });

  signal.addEventListener('abort', () => {
    intent.reset();
    closeCard();
    host.dispose();
    scanner.clear();
    layer.dispose();
  });

  const report = () => {
    if (!signal.aborted) options.onCounts(scanner.counts());
  };

  // Pointer: one passive listener; a hit test per animation frame at most.
  let pointer: { x: number; y: number; onHost: boolean } | null = null;
  let framePending = false;
  const onPointerMove = (event: MouseEvent) => {
    pointer = { x: event.clientX, y: event.clientY, onHost: event.target === host.element };
    if (framePending) return;
    framePending = true;
    requestAnimationFrame(() => {
      framePending = false;
      if (signal.aborted || !pointer) return;
      if (pointer.onHost) return; // the card's own mouseenter/leave handle this
      intent.pointerOver(safeMentionAt(scanner, pointer.x, pointer.y));
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && intent.current) intent.dismiss();
  };
  const listen = { capture: true, passive: true, signal } as const;
  document.addEventListener('mousemove', onPointerMove, listen);
  document.addEventListener('keydown', onKeyDown, listen);
  // Scrolling moves text under a resting pointer without any mousemove.
  document.addEventListener('scroll', () => pointer && intent.pointerOver(null), listen);

  // Batches wait for the first scan and for each other, so no block is scanned twice at once.
  let work: Promise<unknown> = (async () => {
    scanner.absorbContext(document.title);
    const body = document.body ?? document.documentElement;
    // Cheap when there is nothing to find: one regex test over the text, no walk, no ranges.
    if (matcher.mightMatch(body.textContent ?? '')) await scanner.scan([body], signal);
    report();
  })();
  watchMutations(
    document,
    (batch) => {
      work = work.then(async () => {
        if (signal.aborted) return;
        if (batch.removed) scanner.dropDetached();
        for (const root of batch.roots) scanner.dropUnder(root);
        await scanner.scan(batch.roots, signal);
        const current = intent.current;
        if (current && !scanner.index.has(current)) intent.reset();
        report();
      });
    },
    signal,
  );
}

function safeMentionAt(scanner: PageScanner, x: number, y: number): PageMention | null {
  try {
    return mentionAtPoint(scanner.index, x, y);
  } catch {
    // A mention whose text the page changed a moment ago can no longer make a Range; the
    // pending rescan drops it.
    return null;
  }
}
