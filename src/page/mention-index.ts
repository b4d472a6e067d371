import type { PageMention } from './page-mention';

/** All mentions of a frame, findable by text node (for hit-testing and for dropping the
 *  mentions of changed text). */
export class MentionIndex {
  private readonly byNode = new Map<Text, PageMention[]>();
  private readonly all = new Set<PageMention>();

  add(mention: PageMention): void {
    this.all.add(mention);
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (list) list.push(mention);
      else this.byNode.set(node, [mention]);
    }
  }

  delete(mention: PageMention): void {
    if (!this.all.delete(mention)) return;
    for (const node of mention.nodes) {
      const list = this.byNode.get(node);
      if (!list) continue;
      const rest = list.filter((m) => m !== mention);
      if (rest.length) this.byNode.set(node, rest);
      else this.byNode.delete(node);
    }
  }

  has(mention: PageMention): boolean {
    return this.all.has(mention);
  }

  /** Mentions that touch a text node. */
  at(node: Text): readonly PageMention[] {
    return this.byNode.get(node) ?? [];
  }

  /** Mentions touching any of these text nodes. */
  touching(nodes: Iterable<Text>): Set<PageMention> {
    const found = new Set<PageMention>();
    for (const node of nodes) for (const m of this.byNode.get(node) ?? []) found.add(m);
    return found;
  }

  /** Mentions whose text nodes left the document or whose text changed. */
  stale(): PageMention[] {
    const out: PageMention[] = [];
    for (const m of this.all) if (m.nodes.some((n) => !n.isConnected)) out.push(m);
    return out;
  }

  values(): IterableIterator<PageMention> {
    return this.all.values();
  }

  get size(): number {
    return this.all.size;
  }

  clear(): void {
    this.byNode.clear();
    this.all.clear();
  }
}
