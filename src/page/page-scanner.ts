import type { Matcher } from '../match/matcher';
import { PageContext } from '../match/page-context';
import type { TopicId } from '../pack/types';
import type { HighlightLayer } from './highlight-layer';
import { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';
import { BlockClassifier, collectRuns, positionIn, type TextRun } from './text-blocks';
import { yieldToPage } from './yield-to-page';

/** Longest stretch of matching before the page gets the main thread back (Chrome's own
 *  find-in-page works in 10 ms slices). */
const SLICE_MS = 8;

/**
 * Turns text under DOM roots into marked mentions and keeps them right as the page changes:
 * conditional aliases wait until the page shows their condition, and mentions of changed or
 * removed text are dropped.
 */
export class PageScanner {
  readonly index = new MentionIndex();
  private readonly context = new PageContext();

  constructor(
    private readonly matcher: Matcher,
    private readonly layer: HighlightLayer,
  ) {}

  /** Takes cue words from text that is not marked but tells what the page is about. */
  absorbContext(text: string): void {
    this.context.absorb(this.matcher.scan(text));
  }

  /** Scans the text under each root, yielding to the page between slices. Resolves false if
   *  `signal` aborted before the end. */
  async scan(roots: readonly Node[], signal: AbortSignal): Promise<boolean> {
    const classifier = new BlockClassifier();
    let sliceStart = performance.now();
    for (const root of roots) {
      if (!root.isConnected) continue;
      for (const run of collectRuns(root, classifier)) {
        this.scanRun(run);
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToPage();
          if (signal.aborted) return false;
          sliceStart = performance.now();
        }
      }
    }
    return true;
  }

  private scanRun(run: TextRun): void {
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
      if (mention.accepted) this.layer.add(mention.topic, range);
    }
    if (contextGrew) this.acceptWaiting();
  }

  /** The page now shows more context: mentions that waited for it may count now. */
  private acceptWaiting(): void {
    for (const m of this.index.values()) {
      if (!m.accepted && this.context.accepts(m)) {
        m.accepted = true;
        this.layer.add(m.topic, m.range);
      }
    }
  }

  /** Forgets the mentions in text under `root` (before it is scanned again). */
  dropUnder(root: Node): void {
    const doc = root.ownerDocument ?? (root as Document);
    const nodes: Text[] = [];
    if (root.nodeType === Node.TEXT_NODE) nodes.push(root as Text);
    else {
      const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    }
    for (const m of this.index.touching(nodes)) this.drop(m);
  }

  /** Forgets mentions whose text left the document. */
  dropDetached(): void {
    for (const m of this.index.stale()) this.drop(m);
  }

  private drop(m: PageMention): void {
    this.index.delete(m);
    this.layer.delete(m.topic, m.range);
  }

  /** Accepted mentions per topic. */
  counts(): Record<TopicId, number> {
    const counts: Record<TopicId, number> = {};
    for (const m of this.index.values()) if (m.accepted) counts[m.topic] = (counts[m.topic] ?? 0) + 1;
    return counts;
  }

  clear(): void {
    for (const m of this.index.values()) this.layer.delete(m.topic, m.range);
    this.index.clear();
  }
}
