// What the fuzz tests of a changing page build their pages and batches from: a seeded random
// source, random subtrees of text, comments and elements, and a way to name each node in a
// failure's report.

/** mulberry32. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomDomOptions {
  texts: readonly string[];
  tags: readonly string[];
  /** How much of what `make` makes is text, and text or a comment (the rest: elements). */
  text: number;
  textOrComment: number;
}

/** Random subtrees made in `doc` with `random`, and names for their nodes. */
export function randomDom(doc: Document, random: () => number, options: RandomDomOptions) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const make = (depth: number): Node => {
    const r = random();
    if (r < options.text) return doc.createTextNode(pick(options.texts));
    if (r < options.textOrComment) return doc.createComment('c');
    const el = doc.createElement(pick(options.tags));
    if (el.localName !== 'br' && depth > 0)
      for (let n = Math.floor(random() * 3); n > 0; n--) el.append(make(depth - 1));
    return el;
  };
  const all = (root: Node): Node[] => [...root.childNodes].flatMap((c) => [c, ...all(c)]);
  const ids = new Map<Node, number>();
  const id = (n: Node) => ids.get(n) ?? (ids.set(n, ids.size), ids.size - 1);
  const show = (n: Node): string =>
    n.nodeType === 3
      ? JSON.stringify((n as Text).data)
      : n.nodeType === 8
        ? '<!---->'
        : `<${(n as Element).localName}#${id(n)}>${[...n.childNodes].map(show).join('')}</${(n as Element).localName}>`;
  /** Puts the node `choose` gives (after a parent is picked under `root`, among `nodes`) in a
   *  random place in that parent; what it did, for a failure's report, or null if the node holds
   *  the parent. */
  const putSomewhere = (root: Element, nodes: Node[], choose: () => Node): string | null => {
    const parent = pick([root, ...nodes.filter((n) => n.nodeType === 1 && (n as Element).localName !== 'br')]);
    const node = choose();
    if (node === parent || node.contains(parent)) return null;
    for (const n of [node, ...all(node)]) id(n);
    const others = [...parent.childNodes].filter((c) => c !== node);
    const before = random() < 0.3 || !others.length ? null : pick(others);
    const step = `put ${show(node)} in #${id(parent)} before ${before ? show(before) : 'its end'}`;
    parent.insertBefore(node, before);
    return step;
  };
  return { pick, make, all, id, show, putSomewhere };
}
