import type { Matcher } from '../match/matcher';
import type { Prefilter } from '../match/prefilter';
import { PageContext } from '../match/page-context';
import type { TopicId } from '../pack/types';
import type { HighlightLayer } from './highlight-layer';
import { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';
import { CandidateBlockWalker, PAUSE } from './candidate-blocks';
import { BlockClassifier, isInlineElement, positionIn, RunWalker, type TextRun } from './text-blocks';
import { firstOnScreen, placeOnScreen } from './viewport';
import { Slice } from './yield-to-page';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const NOT_BLANK = /\S/;

/** Below this many mentions, checking each for removed text costs less than a millisecond. */
const FULL_CHECK_BELOW = 2000;

/**
 * Turns text under DOM roots into marked mentions and keeps them right as the page changes:
 * conditional aliases wait until the page shows their condition, and mentions of changed or
 * removed text are dropped.
 */
export class PageScanner {
  readonly index = new MentionIndex();
  private readonly context = new PageContext();
  private removalBatches = 0;
  /** Accepted (drawn) mentions per topic. */
  private readonly shown = new Map<TopicId, number>();

  private built: Matcher | null = null;
  /** The prefilter's verdict (see Prefilter), as a function to hand to walkers. */
  readonly mightMatchText = (text: string): boolean => this.prefilter.mightMatch(text);

  /** `matcher` is called once, when the first text passes the prefilter: building it costs
   *  5–10 ms, which a page without mentions never pays. */
  constructor(
    private readonly prefilter: Prefilter,
    private readonly buildMatcher: () => Matcher,
    private readonly layer: HighlightLayer,
  ) {}

  private get matcher(): Matcher {
    return (this.built ??= this.buildMatcher());
  }

  /** Takes cue words from text that is not marked but tells what the page is about. */
  absorbContext(text: string): void {
    if (this.prefilter.mightMatch(text)) this.context.absorb(this.matcher.scan(text));
  }

  /**
   * The first scan of a page. Cheap when there is nothing to find: the body's leading block
   * children are pre-checked with one regex test over their textContent (no walk, no DOM
   * wrappers, no ranges), and the walk starts at the first one that might hold something.
   * A page without mentions is thus only pre-checked; one with them loses no time on a
   * pre-check of text it then walks anyway.
   *
   * With `viewportFirst` (a page already laid out), the blocks on screen are matched before
   * the rest: the reader may be far down the page.
   */
  async scanPage(
    body: Element,
    signal: AbortSignal,
    options: { firstSliceMs?: number; viewportFirst?: boolean } = {},
  ): Promise<boolean> {
    const slice = new Slice(options.firstSliceMs);
    const matched = new Set<Element>();
    if (options.viewportFirst) {
      const from = firstOnScreen(body, slice.classifier);
      if (from && !(await this.scanRoot(body, from, slice, signal, matched, placeOnScreen))) return false;
      // Shown before the rest is marked (scheduler.yield would put the rest first).
      if (matched.size > 0 && !(await slice.yield(signal, true))) return false;
    }
    let from: Node | null = body.firstChild;
    while (from) {
      // Only a block element can be passed over whole: no run reaches across it.
      const passable =
        from.nodeType === COMMENT_NODE ||
        (from.nodeType === TEXT_NODE && !NOT_BLANK.test((from as Text).data)) ||
        (from.nodeType === ELEMENT_NODE && !isInlineElement(from as Element));
      if (!passable || this.prefilter.mightMatch(from.textContent ?? '')) break;
      const next: Node | null = from.nextSibling;
      if (slice.over()) {
        if (!(await slice.yield(signal))) return false;
        // The page moved on meanwhile: walk all of it rather than miss something.
        if (next && next.parentNode !== body) return this.scanRoot(body, undefined, slice, signal, matched);
      }
      from = next;
    }
    if (!from) return true;
    return this.scanRoot(body, from, slice, signal, matched);
  }

  /** Scans the text under each root, yielding to the page between slices. Resolves false if
   *  `signal` aborted before the end. */
  async scan(roots: readonly Node[], signal: AbortSignal): Promise<boolean> {
    const slice = new Slice();
    for (const root of roots) {
      if (!(await this.scanRoot(root, undefined, slice, signal))) return false;
    }
    return true;
  }

  /** The candidate blocks under `root` (see CandidateBlockWalker), each matched as it is
   *  found, so marks appear in reading order. Blocks in `matched` are passed over. With
   *  `screen`, only blocks on screen are matched, and the walk ends at the first one below. */
  private async scanRoot(
    root: Node,
    from: Node | undefined,
    slice: Slice,
    signal: AbortSignal,
    matched = new Set<Element>(),
    screen?: (block: Element) => 'on' | 'below' | 'off',
  ): Promise<boolean> {
    if (!root.isConnected) return true;
    let walker = new CandidateBlockWalker(root, this.mightMatchText, slice.classifier, from);
    for (let block = walker.next(); block; block = walker.next()) {
      if (block !== PAUSE && !matched.has(block)) {
        const place = screen?.(block) ?? 'on';
        if (place === 'below') return true;
        if (place === 'on') {
          matched.add(block);
          this.scanBlock(block, slice.classifier);
        }
      }
      if (slice.over()) {
        if (!(await slice.yield(signal))) return false;
        if (!root.isConnected) return true;
        if (!walker.intact()) {
          if (screen) return true; // the rest of the page comes next anyway
          // The page removed our place in the walk: start over rather than miss the rest
          // (blocks matched already are skipped). What changed meanwhile is rescanned by the
          // watcher's batch after this scan.
          walker = new CandidateBlockWalker(root, this.mightMatchText, slice.classifier);
        }
      }
    }
    return true;
  }

  /** Matches the text of `block` itself; blocks nested in it are candidates of their own. */
  scanBlock(block: Element, classifier: BlockClassifier): void {
    const runs = new RunWalker(block, classifier, true);
    for (let run = runs.next(); run; run = runs.next()) this.scanRun(run);
  }

  private scanRun(run: TextRun): void {
    // Matching a run again replaces what it held: a block may be matched more than once
    // (while the page loads, and when a change reaches it by two ways).
    if (this.index.size > 0) for (const m of this.index.touching(run.nodes)) this.drop(m);
    const scan = this.matcher.scan(run.text);
    const contextGrew = this.context.absorb(scan);
    for (const c of scan.candidates) {
      const start = positionIn(run, c.start, 'start');
      const end = positionIn(run, c.end, 'end');
      const range = new StaticRange({
        startContainer: start.node,
        startOffset: start.offset,
        endContainer: end.node,
        endOffset: end.offset,
      });
      const first = run.nodes.indexOf(start.node);
      const last = run.nodes.indexOf(end.node, first);
      const mention: PageMention = {
        topic: c.topic,
        alias: c.alias,
        text: run.text.slice(c.start, c.end),
        range,
        nodes: run.nodes.slice(first, last + 1),
        accepted: this.context.accepts(c),
        requires: c.requires,
      };
      this.index.add(mention);
      if (mention.accepted) this.show(mention);
    }
    if (contextGrew) this.acceptWaiting();
  }

  /** The page now shows more context: mentions that waited for it may count now. */
  private acceptWaiting(): void {
    for (const m of this.index.values()) {
      if (!m.accepted && this.context.accepts(m)) {
        m.accepted = true;
        this.show(m);
      }
    }
  }

  /** Forgets the mentions in text under `root` (before it is scanned again). */
  dropUnder(root: Node): void {
    if (this.index.size === 0) return;
    for (const m of this.index.under([root], Infinity) ?? []) this.drop(m);
  }

  /** Forgets mentions whose text left the document. */
  dropDetached(): void {
    for (const m of this.index.stale()) this.drop(m);
  }

  /** Forgets mentions whose text left the document with `removed` (a batch's removed
   *  subtrees): the cost follows the change, not the page's 30,000 mentions. A small index,
   *  or removed subtrees bigger than it, are checked whole; so is every 32nd batch, for text
   *  the page took out of a subtree after removing it (no record reaches us for that). */
  dropRemoved(removed: readonly Node[]): void {
    if (this.index.size === 0 || removed.length === 0) return;
    const touched =
      this.index.size < FULL_CHECK_BELOW || ++this.removalBatches % 32 === 0 ? null : this.index.under(removed);
    if (!touched) return this.dropDetached();
    for (const m of touched) if (m.nodes.some((n) => !n.isConnected)) this.drop(m);
  }

  private show(m: PageMention): void {
    this.layer.add(m.topic, m.range);
    this.shown.set(m.topic, (this.shown.get(m.topic) ?? 0) + 1);
  }

  private drop(m: PageMention): void {
    if (!this.index.has(m)) return;
    this.index.delete(m);
    this.layer.delete(m.topic, m.range);
    if (m.accepted) this.shown.set(m.topic, (this.shown.get(m.topic) ?? 1) - 1);
  }

  /** Accepted mentions per topic (kept as mentions come and go: a batch on a page with
   *  30,000 marks must not count them all again). */
  counts(): Record<TopicId, number> {
    const counts: Record<TopicId, number> = {};
    for (const [topic, n] of this.shown) if (n > 0) counts[topic] = n;
    return counts;
  }

  clear(): void {
    for (const m of this.index.values()) this.layer.delete(m.topic, m.range);
    this.index.clear();
    this.shown.clear();
  }
}
