// The generated, seeded pages the browser benchmark loads. Each page carries the harness
// (a main-world script in <head>) that times its mode from DOMContentLoaded and says
// "bench-done" on the console when done (so the driver needs no script in the page while it
// measures):
//   ext     the extension marks the page; done when CSS.highlights (shared with the page's
//           world) holds every expected mention
//   markjs  mark.js `markRegExp` with the same aliases wraps every mention in <mark>
//   floor   a bare TreeWalker plus the same regex, marking nothing: the least any marker pays
//   none    nothing (the page alone, for longest tasks and DOM operations)
import { bundledPack } from '../../src/pack/bundled';
import { buildMatcher } from '../../src/match/build-matcher';
import { aliasPattern } from '../../src/match/normalize';
import { PageContext } from '../../src/match/page-context';
import { pick, seededRandom } from './random';
import { MENTIONS, prose } from './text';

export interface BenchPage {
  html: string;
  /** Mentions the extension must mark on load (infinite scroll: once every batch is in). */
  expected: number;
  /** Infinite scroll: mentions marked before the first batch. */
  expectedAtFirst?: number;
}

/** The aliases as one regex source, longest first, whole words: what mark.js and the floor
 *  look for. */
export function aliasRegexSource(): string {
  const aliases = bundledPack.topics.flatMap((t) => t.aliases.map((a) => a.text));
  aliases.sort((a, b) => b.length - a.length);
  return `\\b(?:${aliases.map(aliasPattern).join('|')})\\b`;
}

const HARNESS = `(() => {
  const script = document.currentScript;
  const mode = new URLSearchParams(location.search).get('mode') || 'none';
  const bench = { mode, expected: Number(script.dataset.expected), dcl: 0, done: 0, found: -1 };
  window.__bench = bench;
  const source = script.dataset.regex;
  const names = ['context-overlay-bagram', 'context-overlay-fitrat', 'context-overlay-doha-2020'];
  const marked = () => {
    let n = 0;
    for (const name of names) n += CSS.highlights.get(name)?.size ?? 0;
    return n;
  };
  window.__marked = marked;
  // On the window, so after every listener on the document, the extension's included, as on a
  // page of its own with none: a listener there before the extension's would deliver the
  // parser's last mutation records before the extension's runs (see finish() in
  // src/page/frame-overlay.ts).
  window.addEventListener('DOMContentLoaded', () => {
    // When the event began, not when this listener runs: the extension's work in the event
    // counts.
    bench.dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
    if (mode === 'none') console.debug('bench-done');
    if (mode === 'floor') {
      const re = new RegExp(source, 'gi');
      let n = 0;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        const s = t.data;
        re.lastIndex = 0;
        while (re.exec(s)) n++;
      }
      bench.found = n;
      bench.done = performance.now();
      console.debug('bench-done');
    } else if (mode === 'markjs') {
      new Mark(document.body).markRegExp(new RegExp(source, 'gi'), {
        done(n) { bench.found = n; bench.done = performance.now(); console.debug('bench-done'); },
      });
    } else if (mode === 'ext') {
      // At the end of the event's dispatch first: the marks may be complete already. Then one
      // cheap check per task, so the poll sees the marks within a task of their landing.
      const poll = () => channel.port2.postMessage(0);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const n = marked();
        if (n >= bench.expected) { bench.found = n; bench.done = performance.now(); console.debug('bench-done'); }
        else poll();
      };
      if (marked() >= bench.expected) {
        bench.found = marked();
        bench.done = performance.now();
        console.debug('bench-done');
      } else poll();
    }
  }, { once: true });
})();`;

/** The pages say where they are from, so conditional aliases could count. */
const HEADER = 'Notes on Afghanistan, filed from Kabul.';

function page(title: string, body: string, expected: number, tail = ''): BenchPage {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script data-expected="${expected}" data-regex="${escapeAttr(aliasRegexSource())}">${HARNESS}</script>
<script src="/mark.js"></script>
</head><body>
<header><h1>${title}</h1><p>${HEADER}</p></header>
<main>${body}</main>
${tail}</body></html>`;
  return { html, expected };
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

interface Block {
  html: string;
  /** Its visible text, for counting the mentions the matcher finds in it. */
  text: string;
}

/** A paragraph of `words` words, one wrapped in an inline element now and then, with the
 *  given mentions standing as whole words at spread-out places. */
function paragraph(random: () => number, words: number, mentions: readonly string[]): Block {
  const parts = prose(random, words).split(' ');
  mentions.forEach((mention, i) => {
    const at = Math.floor(((i + random()) / mentions.length) * (parts.length - 1));
    parts.splice(at, 0, mention);
  });
  const text = parts.join(' ');
  if (random() < 0.3) {
    const at = Math.floor(random() * parts.length);
    const tag = pick(random, ['a', 'em', 'b']);
    if (!mentions.includes(parts[at]!)) parts[at] = `<${tag}>${parts[at]}</${tag}>`;
  }
  return { html: `<p>${parts.join(' ')}</p>`, text };
}

/** Mentions the extension will mark in these blocks: the matcher's own count, so a change
 *  in the pack's rules shows here rather than as a benchmark that never finishes. */
export function markedIn(title: string, blocks: readonly Block[]): number {
  const matcher = buildMatcher(bundledPack);
  const context = new PageContext();
  const scans = [title, HEADER, ...blocks.map((b) => b.text)].map((text) => matcher.scan(text));
  for (const scan of scans) context.absorb(scan);
  return scans.slice(1).reduce((n, scan) => n + scan.candidates.filter((c) => context.accepts(c)).length, 0);
}

/** A long article of about `chars` characters of visible text with `mentions` mentions, one
 *  per paragraph at most, spread over the whole page. With `quoted`, each paragraph is a quote
 *  in curly quotation marks, as a news article's are: text of two-byte characters, which V8's
 *  regexes read slower than the one-byte text of plain ASCII. */
export function articlePage(seed: number, chars: number, mentions: number, { quoted = false } = {}): BenchPage {
  const random = seededRandom(seed);
  const words = 100; // ≈ 600 characters per paragraph
  const count = Math.max(1, Math.round(chars / 600));
  const withMention = new Set<number>();
  while (withMention.size < Math.min(mentions, count)) withMention.add(Math.floor(random() * count));
  const blocks: Block[] = [];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) {
      const heading = prose(random, 6);
      blocks.push({ html: heading, text: heading });
      out.push(`${i ? '</section>' : ''}<section><h2>${heading}</h2>`);
    }
    const plain = paragraph(random, words, withMention.has(i) ? [pick(random, MENTIONS)] : []);
    const block = quoted
      ? { html: plain.html.replace(/^<p>(.*)<\/p>$/s, '<p>\u201c$1\u201d</p>'), text: `\u201c${plain.text}\u201d` }
      : plain;
    blocks.push(block);
    out.push(block.html);
  }
  out.push('</section>');
  const title = `Article, ${count} paragraphs`;
  return page(title, `<article>${out.join('\n')}</article>`, checked(title, blocks, withMention.size));
}

/** One block of about `chars` characters of visible text with `mentions` mentions: a thread or
 *  a transcript in one <p>, each line a <span> (inline: the lines run into one block of text,
 *  of tens of thousands of nodes), one mention per line at most. */
export function longBlockPage(seed: number, chars: number, mentions: number): BenchPage {
  const random = seededRandom(seed);
  const count = Math.max(1, Math.round(chars / 60)); // ≈ 60 characters per line
  const withMention = new Set<number>();
  while (withMention.size < Math.min(mentions, count)) withMention.add(Math.floor(random() * count));
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = prose(random, 10).split(' ');
    if (withMention.has(i)) words.splice(1 + Math.floor(random() * 8), 0, pick(random, MENTIONS));
    lines.push(`${words.join(' ')} `);
  }
  const title = `Thread, ${count} lines in one block`;
  const expected = checked(title, [{ html: '', text: lines.join('') }], withMention.size);
  return page(title, `<p>${lines.map((line) => `<span>${line}</span>`).join('')}</p>`, expected);
}

/** Ad frames on the page that measures them. */
export const AD_FRAMES = 20;

/** `page` with `count` small ad frames (srcdoc, in the page's own process, as ad and widget
 *  scripts often make them): a line of text without any mention and an ad script each. */
export function withAdFrames(page: BenchPage, seed: number, count: number): BenchPage {
  const random = seededRandom(seed);
  const frames = Array.from({ length: count }, (_, i) => {
    const doc = `<p>${prose(random, 8)}</p><script>var slot${i} = ${JSON.stringify(prose(random, 40))};</script>`;
    return `<iframe width="300" height="60" srcdoc="${escapeAttr(doc)}"></iframe>`;
  }).join('\n');
  return { ...page, html: page.html.replace('</body>', `${frames}</body>`) };
}

/** The count the extension must reach; it must equal what the page holds, or mark.js and
 *  the floor (which find every alias) would count something else. */
function checked(title: string, blocks: readonly Block[], inserted: number): number {
  const marked = markedIn(title, blocks);
  if (marked !== inserted) {
    throw new Error(`bench pages: the matcher marks ${marked} of the ${inserted} mentions put in "${title}"`);
  }
  return marked;
}

/** Starts with a few paragraphs; `__startScroll()` appends `batches` batches of
 *  `perBatch` paragraphs, one every `intervalMs`, every fifth paragraph with a mention. With
 *  `cards`, each appended paragraph is a link card (`<a href>` around it) and a line break
 *  stands between them, as server-rendered "load more" fragments have. */
export function scrollPage(
  seed: number,
  batches: number,
  perBatch: number,
  { intervalMs = 100, cards = false } = {},
): BenchPage {
  const random = seededRandom(seed);
  const initial = 20;
  const head = Array.from({ length: initial }, (_, i) => paragraph(random, 100, i % 5 ? [] : [pick(random, MENTIONS)]));
  const later = Array.from({ length: batches * perBatch }, (_, i) =>
    paragraph(random, 100, i % 5 ? [] : [pick(random, MENTIONS)]),
  );
  const title = cards ? 'Infinite scroll of link cards' : 'Infinite scroll';
  const items = later.map((b, i) => (cards ? `<a href="#item-${i}">${b.html}</a>` : b.html));
  const atFirst = checked(title, head, initial / 5);
  const atEnd = checked(title, [...head, ...later], initial / 5 + Math.ceil((batches * perBatch) / 5));
  // The page builds its new paragraphs the way feeds do: parse a fragment, append it. With
  // ?mode=floor, the least a script that keeps up with the feed pays for each batch: an observer
  // of the feed whose callback (floorBatch, timed by the trace) walks the added nodes' text with
  // a bare TreeWalker and the same regex, marking nothing; __floorFound counts what it found.
  const tail = `<script>
window.__later = ${JSON.stringify(items)};
window.__floorFound = 0;
if (window.__bench.mode === 'floor') {
  const re = new RegExp(document.querySelector('script[data-regex]').dataset.regex, 'gi');
  new MutationObserver(function floorBatch(records) {
    for (const record of records) for (const node of record.addedNodes) {
      const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (let t = node.nodeType === 3 ? node : walker.nextNode(); t; t = walker.nextNode()) {
        re.lastIndex = 0;
        while (re.exec(t.data)) window.__floorFound++;
      }
    }
  }).observe(document.querySelector('main'), { childList: true, subtree: true });
}
window.__startScroll = () => new Promise((resolve) => {
  const feed = document.querySelector('main');
  let batch = 0;
  const next = () => {
    const template = document.createElement('template');
    template.innerHTML = window.__later.slice(batch * ${perBatch}, (batch + 1) * ${perBatch}).join(${JSON.stringify(cards ? '\n' : '')});
    performance.mark('bench-batch');
    feed.append(template.content);
    batch++;
    if (batch < ${batches}) setTimeout(next, ${intervalMs}); else resolve(batch);
  };
  next();
});
</script>`;
  return {
    ...page(title, head.map((b) => b.html).join('\n'), atFirst, tail),
    expected: atEnd,
    expectedAtFirst: atFirst,
  };
}

/** `paragraphs` short paragraphs, `perParagraph` mentions each; `__runOps(n)` performs n of
 *  the page's own DOM operations (half insertions, half removals, seeded) and returns the
 *  milliseconds they took. */
export function domOpsPage(seed: number, paragraphs: number, perParagraph: number): BenchPage {
  const random = seededRandom(seed);
  const blocks = Array.from({ length: paragraphs }, () =>
    paragraph(
      random,
      24,
      Array.from({ length: perParagraph }, () => pick(random, MENTIONS)),
    ),
  );
  const title = `Feed, ${paragraphs} paragraphs`;
  const expected = checked(title, blocks, paragraphs * perParagraph);
  const fresh = Array.from({ length: 64 }, () => prose(random, 24).replace(/\.$/, `, said ${pick(random, MENTIONS)}.`));
  const tail = `<script>
window.__runOps = (ops) => {
  let a = ${seed} >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const texts = ${JSON.stringify(fresh)};
  const feed = document.querySelector('main');
  const nodes = [...feed.querySelectorAll('p')];
  const start = performance.now();
  for (let i = 0; i < ops / 2; i++) {
    const p = document.createElement('p');
    p.textContent = texts[i % texts.length];
    const before = nodes[Math.floor(random() * nodes.length)];
    feed.insertBefore(p, before);
    nodes.push(p);
    const at = Math.floor(random() * nodes.length);
    nodes[at].remove();
    nodes[at] = nodes[nodes.length - 1];
    nodes.pop();
  }
  return performance.now() - start;
};
</script>`;
  return page(title, blocks.map((b) => b.html).join('\n'), expected, tail);
}
