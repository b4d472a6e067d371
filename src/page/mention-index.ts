import type { PageMention } from './page-mention';
import { SHOW_TEXT, TEXT_NODE } from './text-blocks';

/** All mentions of a frame, findable by text node (for hit-testing and for dropping the
 *  mentions of changed text). */
export class MentionIndex {
  readonly #byNode = new Map<Text, PageMention[]>();
  readonly #all = new Set<PageMention>();

  add(mention: PageMention): void {
    this.#all.add(mention);
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node);
      if (list) list.push(mention);
      else this.#byNode.set(node, [mention]);
    }
  }

  delete(mention: PageMention): void {
    if (!this.#all.delete(mention)) return;
    for (const node of mention.nodes) {
      const list = this.#byNode.get(node);
      if (!list) continue;
      const rest = list.filter((m) => m !== mention);
      if (rest.length) this.#byNode.set(node, rest);
      else this.#byNode.delete(node);
    }
  }

  has(mention: PageMention): boolean {
    return this.#all.has(mention);
  }

  /** Mentions that touch a text node. */
  at(node: Text): readonly PageMention[] {
    return this.#byNode.get(node) ?? [];
  }

  /** Mentions touching any of these text nodes. */
  touching(nodes: Iterable<Text>): Set<PageMention> {
    const found = new Set<PageMention>();
    for (const node of nodes) for (const m of this.#byNode.get(node) ?? []) found.add(m);
    return found;
  }

  /** Mentions touching text under `roots` (removed subtrees), or null when that would take
   *  longer than checking every mention: the walk gives up after `limit` nodes. */
  under(roots: readonly Node[], limit = this.#all.size): Set<PageMention> | null {
    const found = new Set<PageMention>();
    let visited = 0;
    const visit = (node: Node) => {
      for (const m of this.#byNode.get(node as Text) ?? []) found.add(m);
    };
    for (const root of roots) {
      if (root.nodeType === TEXT_NODE) {
        visit(root);
        visited++;
      } else {
        const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          visit(n);
          if (++visited > limit) return null;
        }
      }
      if (visited > limit) return null;
    }
    return found;
  }

  /** Mentions whose text nodes left the document or whose text changed. */
  stale(): PageMention[] {
    const out: PageMention[] = [];
    for (const m of this.#all) if (m.nodes.some((n) => !n.isConnected)) out.push(m);
    return out;
  }

  values(): IterableIterator<PageMention> {
    return this.#all.values();
  }

  get size(): number {
    return this.#all.size;
  }

  clear(): void {
    this.#byNode.clear();
    this.#all.clear();
  }
}
