import { NEVER_OVER, type Matcher, type PendingScan, type TextScan } from '../match/matcher';
import type { Prefilter } from '../match/prefilter';
import { acceptAll, PageContext } from '../match/page-context';
import type { TopicId } from '../pack/types';
import type { HighlightLayer } from './highlight-layer';
import { MentionIndex } from './mention-index';
import type { PageMention } from './page-mention';
import { CandidateBlockWalker, holdsNoKeyWord, LONG_TEXT, PAUSE, yieldWatching } from './candidate-blocks';
import { breakStyledSpans, breakStyledWordSeams } from './styled-seams';
import { rowAround } from './table-row';
import { ELEMENT_NODE, inBoilerplate, positionIn, RunWalker, SLICE_OVER, type TextRun } from './text-blocks';
import { VETO } from '../match/conditions';
import { firstOnScreen, placeOnScreen } from './viewport';
import { RESTARTS, Slice } from './yield-to-page';

/** A block left unfinished at the end of a slice: its walk, and the run being matched. */
export interface UnfinishedBlock {
  runs: RunWalker;
  matching?: { run: TextRun; scan: PendingScan };
  restarts: number;
}

/** Text kept for its cue words before the matcher is built (see PageScanner.waits): it is
 *  matched in one piece then, about 1 ms for this much. */
const WAITING_CHARS = 1 << 16;

/** Below this many mentions, checking each for removed text costs less than a millisecond. */
const FULL_CHECK_BELOW = 2000;

/**
 * Turns text under DOM roots into marked mentions and keeps them right as the page changes:
 * conditional aliases wait until the page shows their condition, and mentions of changed or
 * removed text are dropped.
 */
export class PageScanner {
  readonly index = new MentionIndex();
  readonly #context = new PageContext();
  #removalBatches = 0;
  /** Accepted (drawn) mentions per topic. */
  readonly #shown = new Map<TopicId, number>();

  #built: Matcher | null = null;
  /** Text with a page-wide cue word and no mention, read before the matcher was wanted (see
   *  waits): its cue words count once a mention is found. Null once the matcher is built. */
  #waiting: Array<{ text: string; boilerplate: boolean }> | null = [];
  #waitingChars = 0;
  /** The newest read of each block (see resumeBlock). */
  readonly #reading = new WeakMap<Element, UnfinishedBlock>();
  /** While set, mentions a page-wide veto could stop are held (see scanPage). */
  #holdVetoed = false;
  /** Mentions held until the whole page has been read. */
  readonly #held = new Set<PageMention>();
  /** A counted conditional mention went: what it vouched for may no longer count (settle). */
  #unsettled = false;
  /** The mentions in the index that have conditions (the few that settle() decides). */
  readonly #conditional = new Set<PageMention>();
  /** The prefilter's verdict (see Prefilter), as a function to hand to walkers. */
  readonly mightMatch = (text: string): boolean => this.#prefilter.mightMatch(text);
  readonly mightMention = (text: string): boolean => this.#prefilter.mightMention(text);

  readonly #prefilter: Prefilter;
  readonly #buildMatcher: () => Matcher;
  readonly #layer: HighlightLayer;

  /** `matcher` is called once, when the first text that may hold a mention passes the
   *  prefilter (see waits): building it costs a page about 2 ms, which one without mentions
   *  never pays. */
  constructor(prefilter: Prefilter, buildMatcher: () => Matcher, layer: HighlightLayer) {
    this.#prefilter = prefilter;
    this.#buildMatcher = buildMatcher;
    this.#layer = layer;
  }

  get #matcher(): Matcher {
    if (this.#built) return this.#built;
    const built = (this.#built = this.#buildMatcher());
    // Before the first mention is judged: what counts is what the page has shown so far.
    for (const { text, boilerplate } of this.#waiting ?? []) this.#context.absorb(built.scan(text), boilerplate);
    this.#waiting = null;
    return built;
  }

  /**
   * True when `text` may wait for a mention to be found: the matcher, which costs a page about
   * 2 ms to build, is wanted only for mentions, and text that holds none can only show cue
   * words, which count only to judge a mention (a page about Afghanistan names it in every
   * paragraph, and may never name Bagram). Such text is kept, up to WAITING_CHARS, and read
   * once the matcher is built.
   */
  #waits(text: string, boilerplate: () => boolean): boolean {
    if (!this.#waiting || this.#prefilter.mightMention(text)) return false;
    // (A run too long to test at once outside a load is matched in slices: while one waits,
    // a page without mentions builds no matcher for it.)
    if (!this.#prefilter.mightMatch(text)) return true;
    if (this.#waitingChars + text.length > WAITING_CHARS) return false;
    this.#waiting.push({ text, boilerplate: boilerplate() });
    this.#waitingChars += text.length;
    return true;
  }

  /** Takes cue words from text that is not marked but tells what the page is about. */
  absorbContext(text: string): void {
    if (!this.#prefilter.mightMatch(text) || this.#waits(text, () => false)) return;
    if (this.#context.absorb(this.#matcher.scan(text))) this.#settle();
  }

  /**
   * The first scan of a page. Cheap when there is nothing to find: the walk tests finished
   * elements whole, one regex test over each one's textContent (no DOM wrapper per text node,
   * no ranges), and goes node by node only through those that might hold something (see
   * CandidateBlockWalker's passOver).
   *
   * With `viewportFirst` (a page already laid out), the blocks on screen are matched before
   * the rest: the reader may be far down the page. A mention there that a page-wide veto
   * could stop (a namesake above the screen) waits for the rest of the page, so the marks do
   * not depend on where the reader stands.
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
      const shownBefore = this.#shownCount();
      this.#holdVetoed = true;
      try {
        if (from && !(await this.#scanRoot(body, from, slice, signal, matched, placeOnScreen))) return false;
      } finally {
        this.#holdVetoed = false;
      }
      // Shown before the rest is marked (scheduler.yield would put the rest first).
      if (this.#shownCount() > shownBefore && !(await slice.yield(signal, true))) return false;
    }
    const done = await this.#scanRoot(body, undefined, slice, signal, matched);
    this.#releaseHeld();
    return done;
  }

  /** Scans the text under each root afresh (what was found there before is forgotten first),
   *  and the own text of each block of `ownText` (each run read is matched afresh; the blocks
   *  nested in it are left as they are), yielding to the page between slices. Resolves false
   *  if `signal` aborted before the end. */
  async scan(roots: readonly Node[], signal: AbortSignal, ownText: readonly Element[] = []): Promise<boolean> {
    const slice = new Slice();
    // All first: two roots may share a block (text a script put beside <body>), whose marks
    // the first one's scan makes.
    this.dropUnder(roots);
    // (A root inside one of these blocks would read its text again: passed over.)
    const matched = new Set(ownText);
    for (const block of ownText) {
      const rest = block.isConnected && this.scanBlock(block, slice);
      if (rest ? !(await this.finishBlock(rest, slice, signal)) : slice.over() && !(await slice.yield(signal)))
        return false;
    }
    for (const root of roots) {
      // (Roots passed over take time too: a batch of many is sliced, as a walk is.)
      const going = holdsNoKeyWord(root, this.mightMatch, slice.classifier)
        ? !slice.over() || (await slice.yield(signal))
        : await this.#scanRoot(root, undefined, slice, signal, matched);
      if (!going) return false;
    }
    return true;
  }

  /** The candidate blocks under `root` (see CandidateBlockWalker), each matched as it is
   *  found, so marks appear in reading order. Blocks in `matched` are passed over. With
   *  `screen`, only blocks on screen are matched, and the walk ends once it is below it. */
  async #scanRoot(
    root: Node,
    from: Node | undefined,
    slice: Slice,
    signal: AbortSignal,
    matched = new Set<Element>(),
    screen?: (block: Element) => 'on' | 'below' | 'off',
  ): Promise<boolean> {
    if (!root.isConnected) return true;
    let walker = new CandidateBlockWalker(root, this.mightMatch, slice.classifier, from);
    for (let block = walker.next(); block; block = walker.next()) {
      // A screenful walked without a candidate: stop once the walk is below the screen.
      if (block === PAUSE && screen && belowScreen(walker.position(), screen)) return true;
      /** A long block being read, which goes on after the yield. */
      let rest: UnfinishedBlock | null = null;
      if (block !== PAUSE && !matched.has(block)) {
        const place = screen?.(block) ?? 'on';
        if (place === 'below') return true;
        if (place === 'on') {
          matched.add(block);
          rest = this.scanBlock(block, slice);
        }
      }
      while (slice.over()) {
        const place = await yieldWatching(slice, signal, root, walker.place);
        if (!place) return false;
        if (!root.isConnected) return true;
        if (rest) rest = this.resumeBlock(rest, slice);
        if (place !== true || !walker.intact()) {
          // (The block is read to its end first: the walk that goes on passes over it.)
          if (rest && !(await this.finishBlock(rest, slice, signal))) return false;
          if (screen) return true; // the rest of the page comes next anyway
          // The page removed or moved our place in the walk: go on after where it stood, or
          // start over rather than miss the rest (blocks matched already are skipped). What
          // changed meanwhile is rescanned by the watcher's batch after this scan.
          const from = typeof place === 'object' ? place.from : undefined;
          if (from === null) return true;
          if (from === undefined) slice.restarted();
          walker = new CandidateBlockWalker(root, this.mightMatch, slice.classifier, from);
          break;
        }
        if (!rest) break;
      }
    }
    return true;
  }

  /** Matches the text of `block` itself; blocks nested in it are candidates of their own.
   *  Null once done. A block read to the end of the slice (a 2 MB paragraph: 80,000 nodes,
   *  30 ms of walking; a 20 MB text file, 120 ms of matching) is given back unfinished, to go
   *  on with after a yield (resumeBlock). */
  scanBlock(block: Element, slice: Slice): UnfinishedBlock | null {
    const rest = { runs: new RunWalker(block, slice.classifier, true), restarts: 0 };
    this.#reading.set(block, rest);
    return this.resumeBlock(rest, slice, false);
  }

  /** Goes on reading a block that scanBlock left unfinished (after a yield, unless `resumed` is
   *  false). Each run is matched once it is complete. A page that changed the block meanwhile
   *  where the walk stood, or the text of a run read or matched across the yield, gets it read
   *  from its start again (matching a run again replaces what it held; marks on the old text
   *  would stand on other letters), and a read begun since (a later step, a batch) makes this
   *  one give up: its runs hold text the page has changed. */
  resumeBlock(rest: UnfinishedBlock, slice: Slice, resumed = true): UnfinishedBlock | null {
    const root = rest.runs.root;
    if (this.#reading.get(root as Element) !== rest) return null;
    // A page that rewrites the block at every yield has it read without yielding after a few,
    // as a walk is (Slice.restarted).
    const over = rest.restarts > RESTARTS ? NEVER_OVER : () => slice.over();
    /** Reads the block again from its start; false when it left the page (its marks go with
     *  the batch of its removal). */
    const restart = (): boolean => {
      if (!root.isConnected) return false;
      rest.restarts++;
      rest.runs = new RunWalker(root, slice.classifier, true);
      return true;
    };
    const waited = rest.matching;
    /** The next run may have been begun before the yield. */
    let check = resumed && !waited;
    if (waited) {
      const scan = waited.scan.resume(over);
      if (!scan) return rest;
      rest.matching = undefined;
      if (holdsText(waited.run, scan)) this.#markRun(waited.run, scan);
      else if (!restart()) return null;
    }
    if (!rest.runs.intact()) {
      if (!restart()) return null;
      check = false;
    }
    for (let run = rest.runs.next(over); run; run = rest.runs.next(over)) {
      if (run === SLICE_OVER) return rest;
      breakStyledWordSeams(run, this.mightMention);
      // A run without a key word holds no mention (a block read again for its own text is not
      // all matched again): what it held goes, unmatched. (A long one is matched in slices: one
      // test of a 20 MB file's text holds the page for 30 ms.)
      if (run.text.length <= LONG_TEXT && !this.mightMatch(run.text)) {
        this.#forget(run);
        continue;
      }
      if (this.#waits(run.text, () => inBoilerplate(run.nodes[0]))) continue;
      // (A row is read only around what may be a mention: the cells of cue words alone need none.)
      const pending = this.#matcher.begin(run.text, this.mightMention(run.text) ? rowAround(run.block) : undefined);
      const scan = pending.resume(over);
      if (!scan) {
        rest.matching = { run, scan: pending };
        return rest;
      }
      if (!check || holdsText(run, scan)) this.#markRun(run, scan);
      else if (!restart()) return null;
      check = false;
    }
    return null;
  }

  /** Reads the rest of a block scanBlock left unfinished, yielding between slices. Resolves
   *  false if `signal` aborted meanwhile. */
  async finishBlock(rest: UnfinishedBlock, slice: Slice, signal: AbortSignal): Promise<boolean> {
    for (let left: UnfinishedBlock | null = rest; left; left = this.resumeBlock(left, slice)) {
      if (!(await slice.yield(signal))) return false;
    }
    return true;
  }

  /** Marks what the matcher `found` in `run`. */
  #markRun(run: TextRun, found: TextScan): void {
    // (Matched again, whole: a mention across two boxes of the page's layout is rare.)
    const scan = breakStyledSpans(run, found.candidates) ? this.#matcher.scan(run.text, rowAround(run.block)) : found;
    // Matching a run again replaces what it held: a block may be matched more than once
    // (while the page loads, and when a change reaches it by two ways).
    this.#forget(run);
    const boilerplate = (scan.cues.size > 0 || scan.candidates.length > 0) && inBoilerplate(run.nodes[0]);
    let changed = this.#context.absorb(scan, boilerplate);
    const vouched = this.#vouched();
    for (const c of scan.candidates) {
      const start = positionIn(run, c.start, 'start');
      const end = positionIn(run, c.end, 'end');
      const range = new StaticRange({
        startContainer: start.node,
        startOffset: start.offset,
        endContainer: end.node,
        endOffset: end.offset,
      });
      const mention: PageMention = {
        topic: c.topic,
        alias: c.alias,
        text: run.text.slice(c.start, c.end),
        range,
        // (Found by where they are: looking each up in a run of 80,000 nodes was quadratic.)
        nodes: run.nodes.slice(start.at, end.at + 1),
        accepted: false,
        requires: c.requires,
        ...(boilerplate ? { boilerplate } : {}),
      };
      this.index.add(mention);
      if (c.requires.length > 0) this.#conditional.add(mention);
      // (A mention held back vouches for nothing until it counts: see settle.)
      if (this.#holdVetoed && c.requires.some((r) => r.startsWith(VETO))) this.#held.add(mention);
      else mention.accepted = this.#context.holds(mention, vouched);
      if (!mention.accepted) continue;
      // A topic newly vouched for: mentions waiting for it may count now.
      changed ||= c.requires.length > 0 && !vouched.has(`topic:${c.topic}`);
      this.#show(mention);
    }
    if (changed || this.#unsettled) this.#settle();
  }

  /** The topics that counted conditional mentions vouch for, as PageContext keys. */
  #vouched(): Set<string> {
    const out = new Set<string>();
    for (const [topic, n] of this.#shown) if (n > 0) out.add(`topic:${topic}`);
    return out;
  }

  /** The whole page has been read: held mentions count or not as it says. */
  #releaseHeld(): void {
    if (this.#held.size === 0) return;
    this.#held.clear();
    this.#settle();
  }

  /**
   * Decides afresh which conditional mentions count: from none, each that the page's cue lists
   * and unconditional mentions, or the topics of those counted so far, vouch for (never one
   * through itself), until no more do. A veto found further down (a namesake in the comments)
   * thus takes back the marks it rules out, and what they alone vouched for, so the marks end
   * as the whole page says, whatever order it was read in (the parser's pieces, the screen
   * first), as the scan CLI judges a file.
   */
  #settle(): void {
    this.#unsettled = false;
    const counted = acceptAll(this.#context, this.#conditional, (m) => this.#held.has(m));
    for (const m of this.#conditional) {
      if (this.#held.has(m) || m.accepted === counted.has(m)) continue;
      m.accepted = !m.accepted;
      if (m.accepted) this.#show(m);
      else this.#hide(m);
    }
  }

  /** Settles the marks if a counted conditional mention went since: drops settle here (the
   *  overlay's report after each batch) or at the end of the next run scanned, not each. */
  settleIfNeeded(): void {
    if (this.#unsettled) this.#settle();
  }

  /** Forgets the mentions in text under `roots` (before they are scanned again). */
  dropUnder(roots: readonly Node[]): void {
    if (this.index.size === 0) return;
    for (const m of this.index.under(roots, Infinity) ?? []) this.#drop(m);
  }

  /** Forgets mentions whose text left the document. */
  dropDetached(): void {
    for (const m of this.index.stale()) this.#drop(m);
  }

  /** Forgets mentions whose text left the document with `removed` (a batch's removed
   *  subtrees): the cost follows the change, not the page's 30,000 mentions. A small index,
   *  or removed subtrees bigger than it, are checked whole; so is every 32nd batch, for text
   *  the page took out of a subtree after removing it (no record reaches us for that). */
  dropRemoved(removed: readonly Node[]): void {
    if (this.index.size === 0 || removed.length === 0) return;
    const touched =
      this.index.size < FULL_CHECK_BELOW || ++this.#removalBatches % 32 === 0 ? null : this.index.under(removed);
    if (!touched) return this.dropDetached();
    for (const m of touched) if (m.nodes.some((n) => !n.isConnected)) this.#drop(m);
  }

  /** Forgets the mentions in the text of `run`. */
  #forget(run: TextRun): void {
    if (this.index.size > 0) for (const m of this.index.touching(run.nodes)) this.#drop(m);
  }

  #show(m: PageMention): void {
    this.#layer.add(m.topic, m.range);
    this.#shown.set(m.topic, (this.#shown.get(m.topic) ?? 0) + 1);
  }

  #hide(m: PageMention): void {
    this.#layer.delete(m.topic, m.range);
    this.#shown.set(m.topic, (this.#shown.get(m.topic) ?? 1) - 1);
  }

  #drop(m: PageMention): void {
    if (!this.index.has(m)) return;
    this.index.delete(m);
    this.#conditional.delete(m);
    if (!m.accepted) return;
    this.#hide(m);
    this.#unsettled ||= m.requires.length > 0;
  }

  #shownCount(): number {
    let total = 0;
    for (const n of this.#shown.values()) total += n;
    return total;
  }

  /** Accepted mentions per topic (kept as mentions come and go: a batch on a page with
   *  30,000 marks must not count them all again). */
  counts(): Record<TopicId, number> {
    const counts: Record<TopicId, number> = {};
    for (const [topic, n] of this.#shown) if (n > 0) counts[topic] = n;
    return counts;
  }

  clear(): void {
    for (const m of this.index.values()) this.#layer.delete(m.topic, m.range);
    this.index.clear();
    this.#conditional.clear();
    this.#held.clear();
    this.#shown.clear();
  }
}

function belowScreen(at: Node | null, screen: (block: Element) => 'on' | 'below' | 'off'): boolean {
  const element = at && (at.nodeType === ELEMENT_NODE ? (at as Element) : at.parentElement);
  return element !== null && screen(element) === 'below';
}

/** True while the nodes the run's mentions stand in, all still in the page, hold the text the
 *  run was read with, so that their marks stand on the right letters. (Only those: checking
 *  every node of a 2 MB paragraph's run cost 21 ms a load. A change elsewhere in it reaches the
 *  scanner through the watcher's batch, which reads the block again.) */
function holdsText(run: TextRun, scan: TextScan): boolean {
  return scan.candidates.every((c) => {
    const last = positionIn(run, c.end, 'end').at;
    for (let i = positionIn(run, c.start, 'start').at; i <= last; i++) {
      const node = run.nodes[i]!;
      const data = node.data;
      const start = run.starts[i]!;
      const end = start + data.length;
      const next = run.starts[i + 1] ?? run.text.length;
      // Between two nodes' text, only the breaks a run puts there (LINE_BREAK, U+0000).
      if (
        !node.isConnected ||
        !run.text.startsWith(data, start) ||
        end > next ||
        /[^\0]/.test(run.text.slice(end, next))
      )
        return false;
    }
    return true;
  });
}
