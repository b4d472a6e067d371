// A seeded generator of random page DOMs for the fuzz test (issue 7). Each case is a tree of
// plain data that the page builds with createElement, and the list of mentions planted in it
// with what must happen to each: marked (prose), never marked (editable regions, form
// fields, scripts, comments, templates, or an alias broken by a block, a line break or a
// field), or either (SVG text, islands of contenteditable="false" inside an editor). Open
// shadow roots of components hold text like the rest of the page.
import { readFileSync } from 'node:fs';
import { seededRandom } from '../bench/random';

export type FuzzNode =
  | { t: 'text'; v: string }
  | { t: 'comment'; v: string }
  | {
      t: 'el';
      tag: string;
      svg?: boolean;
      attrs?: Record<string, string>;
      kids: FuzzNode[];
      /** A template's content. */
      content?: FuzzNode[];
      /** An open shadow root's children. */
      shadow?: FuzzNode[];
    }
  /** Where a planted mention starts or ends (no node: the builder records the text offset). */
  | { t: 'at'; id: number; edge: 'start' | 'end' };

export type Expectation = 'marked' | 'unmarked' | 'either';

export interface Planted {
  id: number;
  topic: string;
  text: string;
  expect: Expectation;
}

export interface FuzzCase {
  seed: number;
  nodes: FuzzNode[];
  planted: Planted[];
}

interface PackAlias {
  text: string;
  case?: string;
  requires?: string[];
  unless?: string[];
  endings?: string[];
}
interface PackJson {
  cues: Record<string, (string | { text: string })[]>;
  topics: { id: string; aliases: PackAlias[] }[];
}

/** Folds spelling the way aliases match: any gap, dash or apostrophe, any case. */
export function fold(text: string): string {
  return text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2019\u02bc]/g, "'")
    .trim()
    .toLowerCase();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What the generator and the checks need from the topic pack. */
export interface PackFacts {
  /** Unconditional Latin aliases: planted, they must be marked. */
  plantable: { topic: string; text: string; asWritten: boolean }[];
  /** Multi-word aliases that may be cut into parts none of which is an alias or a cue. */
  breakable: { topic: string; left: string; right: string }[];
  /** Per topic, one anchored regex (source) matching a folded alias variant incl. endings. */
  variants: Record<string, string>;
  /** Lower-case words that must not appear in filler (every word of an alias or cue). */
  reserved: Set<string>;
}

export function packFacts(topicsFile = 'data/topics.json'): PackFacts {
  const pack = JSON.parse(readFileSync(topicsFile, 'utf8')) as PackJson;
  const keys = new Set<string>();
  const reserved = new Set<string>();
  const addWords = (text: string) => {
    for (const w of fold(text).split(/[ \-.']+/)) if (w) reserved.add(w);
  };
  for (const words of Object.values(pack.cues)) {
    for (const word of words) {
      const text = typeof word === 'string' ? word : word.text;
      keys.add(fold(text));
      addWords(text);
    }
  }
  const variants: Record<string, string> = {};
  const plantable: PackFacts['plantable'] = [];
  for (const topic of pack.topics) {
    const sources: string[] = [];
    for (const alias of topic.aliases) {
      keys.add(fold(alias.text));
      addWords(alias.text);
      const ending = alias.endings?.length ? `(?:${alias.endings.map(escape).join('|')})?` : '';
      sources.push(
        fold(alias.text)
          .split(' ')
          .map((w) => escape(w).replace(/-/g, '-') + ending)
          .join(' '),
      );
      const unconditional = !alias.requires?.length && !alias.unless?.length && !alias.endings?.length;
      if (unconditional && /^[A-Za-z][A-Za-z .-]*$/.test(alias.text)) {
        plantable.push({ topic: topic.id, text: alias.text, asWritten: alias.case === 'as-written' });
      }
    }
    variants[topic.id] = `^(?:${sources.join('|')})$`;
  }
  // An alias cut between two words is a decoy only if no run of words on either side is an
  // alias or a cue itself ("Bagram | Air Base" is not: "Bagram" is an alias).
  const hasKey = (words: string[]) => {
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) if (keys.has(words.slice(i, j).join(' '))) return true;
    }
    return false;
  };
  const breakable: PackFacts['breakable'] = [];
  for (const { topic, text } of plantable) {
    const words = text.split(' ');
    for (let k = 1; k < words.length; k++) {
      const left = words.slice(0, k);
      const right = words.slice(k);
      if (!hasKey(left.map(fold)) && !hasKey(right.map(fold))) {
        breakable.push({ topic, left: left.join(' '), right: right.join(' ') });
      }
    }
  }
  return { plantable, breakable, variants, reserved };
}

const FILLER = [
  'the',
  'report',
  'said',
  'officials',
  'on',
  'Tuesday',
  'weather',
  'market',
  'prices',
  'rose',
  'in',
  'spring',
  'river',
  'bridge',
  'museum',
  'opened',
  'école',
  'naïve',
  'Straße',
  'город',
  'مدينة',
  'شهر',
  '東京',
  'emoji 🙂',
  'x²',
  'A.B.',
  'co-op',
  "it's",
  '42',
];
const GAPS = [' ', ' ', ' ', '\u00a0', '\n', '  \t ', '\u202f', ' \n  '];
const SEPARATORS = [' ', ' ', '\u00a0', ', ', ' (', ') ', '. ', '\n', ' "', '" ', ' — ', '; '];
// (Not <sub> or <sup>: their text stands apart from the words around it, a footnote number.)
const INLINE_TAGS = ['span', 'b', 'i', 'em', 'strong', 'a', 'code', 'small', 'mark', 'abbr', 'q', 'u', 's', 'cite'];
const BLOCK_TAGS = ['div', 'p', 'section', 'article', 'h2', 'blockquote', 'li', 'td', 'header', 'figure'];
/** Elements that may host a shadow root. */
const SHADOW_HOSTS = ['div', 'span', 'section', 'article', 'blockquote', 'header', 'p'];
/** What breaks an alias so that it must not be marked as one mention. */
const BREAKERS = ['block', 'br', 'img', 'textarea', 'input', 'button', 'select', 'editable'] as const;

export function generateCase(seed: number, facts: PackFacts): FuzzCase {
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const chance = (p: number) => rand() < p;
  const planted: Planted[] = [];
  const filler = FILLER.filter((w) => !w.split(/\s+/).some((part) => facts.reserved.has(fold(part))));

  const words = (n: number): string => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(pick(filler));
    return out.join(pick(GAPS));
  };
  const text = (v: string): FuzzNode => ({ t: 'text', v });
  const el = (tag: string, kids: FuzzNode[], attrs?: Record<string, string>): FuzzNode => ({
    t: 'el',
    tag,
    kids,
    ...(attrs ? { attrs } : {}),
  });

  /** The alias with random letter case (where the pack allows) and random gaps and dashes. */
  const spell = (alias: { text: string; asWritten: boolean }): string => {
    let s = alias.text;
    if (alias.asWritten) s = chance(0.2) ? s.toUpperCase() : s;
    else if (chance(0.3)) s = pick([s.toUpperCase(), s.toLowerCase(), s.replace(/a/g, 'A')]);
    s = s.replace(/ /g, () => pick(GAPS));
    return s.replace(/-/g, () => pick(['-', '\u2010', '\u2011', '\u2013', '\u2014']));
  };

  /** Cuts `s` at random points into pieces spread over nested inline elements, with
   *  comments and empty text nodes between them: still one mention. */
  const split = (s: string): FuzzNode[] => {
    const cuts = new Set<number>();
    const n = Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) cuts.add(1 + Math.floor(rand() * (s.length - 1)));
    const points = [0, ...[...cuts].sort((a, b) => a - b), s.length];
    const out: FuzzNode[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const piece = text(s.slice(points[i], points[i + 1]));
      if (chance(0.15)) out.push(text(''));
      if (chance(0.1)) out.push({ t: 'comment', v: 'Bagram Air Base' });
      out.push(chance(0.5) ? piece : nest(piece));
    }
    return out;
  };
  const nest = (node: FuzzNode): FuzzNode => {
    let out = node;
    const depth = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < depth; i++) out = el(pick(INLINE_TAGS), [out]);
    return out;
  };

  const plant = (expect: Expectation): FuzzNode[] => {
    const alias = pick(facts.plantable);
    const id = planted.length;
    const spelled = spell(alias);
    planted.push({ id, topic: alias.topic, text: spelled, expect });
    return [
      text(pick(SEPARATORS)),
      { t: 'at', id, edge: 'start' },
      ...split(spelled),
      { t: 'at', id, edge: 'end' },
      text(pick(SEPARATORS)),
    ];
  };

  /** An alias broken so that it is no mention; it is recorded to be left unmarked. */
  const broken = (): FuzzNode[] => {
    const b = pick(facts.breakable);
    const id = planted.length;
    planted.push({ id, topic: b.topic, text: `${b.left}|${b.right}`, expect: 'unmarked' });
    const left = [text(pick(SEPARATORS)), { t: 'at', id, edge: 'start' } as FuzzNode, text(b.left)];
    const right = [text(b.right), { t: 'at', id, edge: 'end' } as FuzzNode, text(pick(SEPARATORS))];
    const how = pick(BREAKERS);
    if (how === 'block') return [el(pick(BLOCK_TAGS), left), el(pick(BLOCK_TAGS), right)];
    const gap = text(' ');
    switch (how) {
      case 'br':
      case 'img':
        return [...left, el(how, []), ...right];
      case 'textarea':
        return [...left, gap, el('textarea', [text(words(2))]), gap, ...right];
      case 'input':
        return [...left, gap, el('input', [], { value: 'Air Base' }), gap, ...right];
      case 'button':
        return [...left, gap, el('button', [text(words(1))]), gap, ...right];
      case 'select':
        return [...left, gap, el('select', [el('option', [text(words(1))])]), gap, ...right];
      case 'editable':
        return [...left, gap, el('span', [text(words(1))], { contenteditable: 'true' }), gap, ...right];
    }
  };

  /** Content that never counts: editors, fields, scripts, comments, templates. */
  const island = (depth: number): FuzzNode[] => {
    switch (Math.floor(rand() * 8)) {
      case 0:
        return [el('div', block(depth + 1, 'unmarked'), { contenteditable: pick(['true', '', 'plaintext-only']) })];
      case 1: {
        // contenteditable="false" inside an editor: not editable, but inside the editor.
        const inner = el('span', [text(' '), ...plant('either'), text(' ')], { contenteditable: 'false' });
        return [el('div', [text(words(2)), inner, ...plant('unmarked')], { contenteditable: 'true' })];
      }
      case 2:
        return [el('textarea', [text(words(1)), ...plant('unmarked').filter((n) => n.t === 'text' || n.t === 'at')])];
      case 3:
        return [el('script', [{ t: 'text', v: '/* Bagram Air Base */' }], { type: 'text/plain' })];
      case 4:
        return [el('style', [text('/* Fasihuddin Fitrat */ .x{}')])];
      case 5:
        return [{ t: 'comment', v: ' US-Taliban agreement ' }];
      case 6:
        return [{ t: 'el', tag: 'template', kids: [], content: [el('p', [text('Bagram Air Base')])] }];
      default: {
        const svgText: FuzzNode = {
          t: 'el',
          tag: 'text',
          svg: true,
          attrs: { x: '0', y: '15' },
          kids: plant('either'),
        };
        return [{ t: 'el', tag: 'svg', svg: true, attrs: { width: '300', height: '20' }, kids: [svgText] }];
      }
    }
  };

  /** Inline content: filler, planted mentions, inline elements, line breaks. */
  const inline = (depth: number, expect: Expectation): FuzzNode[] => {
    const out: FuzzNode[] = [];
    const n = 1 + Math.floor(rand() * 5);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.35) out.push(text(words(1 + Math.floor(rand() * 6))));
      else if (r < 0.6) out.push(...plant(expect));
      else if (r < 0.7 && expect === 'marked') out.push(...broken());
      else if (r < 0.85 && depth < 6) out.push(el(pick(INLINE_TAGS), inline(depth + 1, expect)));
      else if (r < 0.9) out.push(el('br', []));
      else out.push(text(pick(GAPS)));
    }
    return out;
  };

  /** Block content: inline runs, nested blocks, islands. */
  const block = (depth: number, expect: Expectation): FuzzNode[] => {
    const out: FuzzNode[] = [];
    const n = 1 + Math.floor(rand() * 4);
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (r < 0.45) out.push(...inline(depth, expect));
      else if (r < 0.72 && depth < 5) out.push(el(pick(BLOCK_TAGS), block(depth + 1, expect)));
      else if (r < 0.77 && depth < 5) {
        // A component with an open shadow root: its text counts like the page's own.
        const shadow = [el(pick(BLOCK_TAGS), block(depth + 1, expect))];
        out.push({ t: 'el', tag: pick(SHADOW_HOSTS), kids: [], shadow });
      } else if (r < 0.9 && expect === 'marked') out.push(...island(depth));
      else out.push(text(pick(GAPS)));
    }
    return out;
  };
  const huge = (): string => {
    const size = 20_000 + Math.floor(rand() * 200_000);
    // (Not half an emoji at the end: a lone surrogate reaches the page as U+FFFD.)
    return `${words(3)} `
      .repeat(Math.ceil(size / 20))
      .slice(0, size)
      .replace(/[\ud800-\udbff]$/, '');
  };

  const nodes: FuzzNode[] = [];
  const blocks = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < blocks; i++) nodes.push(el(pick(BLOCK_TAGS), block(1, 'marked')));
  // One case in 16 has a huge text node (20–220 kB) with a mention inside or beside it.
  if (chance(1 / 16)) {
    const inside = chance(0.5);
    const body = inside ? [text(huge() + ' '), ...plant('marked'), text(' ' + huge())] : [text(huge())];
    nodes.splice(Math.floor(rand() * nodes.length), 0, el(pick(BLOCK_TAGS), [...body, ...inline(1, 'marked')]));
  }
  return { seed, nodes, planted };
}

/** What installTextOffsets() gives a page: a fresh offset reader (its own cache, so a DOM
 *  changed since the last one is walked again). */
export interface TextOffsetsWindow {
  __textOffsets(): (root: Node, node: Node, offset: number) => number;
}

/**
 * Installs `window.__textOffsets()` in every page of a test (run it with page.addInitScript):
 * both fuzzers turn a mark's boundary point into an offset in its root's text. Each text
 * node's start is found by one walk per root, not one per mark. Self-contained: Playwright
 * ships its source to the page.
 */
export function installTextOffsets(): void {
  (window as unknown as TextOffsetsWindow).__textOffsets = () => {
    const starts = new Map<Node, Map<Node, number>>();
    return (root, node, offset) => {
      let map = starts.get(root);
      if (!map) {
        map = new Map();
        let total = 0;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          map.set(n, total);
          total += (n as Text).data.length;
        }
        starts.set(root, map);
      }
      const base = map.get(node);
      if (base !== undefined) return base + offset;
      const r = document.createRange();
      r.setStart(root, 0);
      r.setEnd(node, offset);
      return r.toString().length;
    };
  };
}
