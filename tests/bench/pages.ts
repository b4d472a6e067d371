// The generated, seeded pages the browser benchmark loads. Each page carries the harness
// (a main-world script in <head>) that times its mode from DOMContentLoaded:
//   ext     the extension marks the page; done when CSS.highlights (shared with the page's
//           world) holds every expected mention
//   markjs  mark.js `markRegExp` with the same aliases wraps every mention in <mark>
//   floor   a bare TreeWalker plus the same regex, marking nothing: the least any marker pays
//   none    nothing (the page alone, for longest tasks and DOM operations)
import { bundledPack } from '../../src/pack/bundled';
import { aliasPattern } from '../../src/match/normalize';
import { pick, seededRandom } from './random';
import { MENTIONS, prose } from './text';

export interface BenchPage {
  html: string;
  /** Mentions the extension must mark on load. */
  expected: number;
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
  document.addEventListener('DOMContentLoaded', () => {
    bench.dcl = performance.now();
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
    } else if (mode === 'markjs') {
      new Mark(document.body).markRegExp(new RegExp(source, 'gi'), {
        done(n) { bench.found = n; bench.done = performance.now(); },
      });
    } else if (mode === 'ext') {
      // One cheap check per task, so the poll sees the marks within a task of their landing.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const n = marked();
        if (n >= bench.expected) { bench.found = n; bench.done = performance.now(); }
        else channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    }
  }, { once: true });
})();`;

function page(title: string, body: string, expected: number, tail = ''): BenchPage {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script data-expected="${expected}" data-regex="${escapeAttr(aliasRegexSource())}">${HARNESS}</script>
<script src="/mark.js"></script>
</head><body>
<header><h1>${title}</h1><p>Notes on Afghanistan, filed from Kabul.</p></header>
<main>${body}</main>
${tail}</body></html>`;
  return { html, expected };
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** A paragraph of `words` words, one wrapped in an inline element now and then, with the
 *  given mentions standing as whole words at spread-out places. */
function paragraph(random: () => number, words: number, mentions: readonly string[]): string {
  const parts = prose(random, words).split(' ');
  mentions.forEach((mention, i) => {
    const at = Math.floor(((i + random()) / mentions.length) * (parts.length - 1));
    parts.splice(at, 0, mention);
  });
  if (random() < 0.3) {
    const at = Math.floor(random() * parts.length);
    const tag = pick(random, ['a', 'em', 'b']);
    if (!mentions.includes(parts[at]!)) parts[at] = `<${tag}>${parts[at]}</${tag}>`;
  }
  return `<p>${parts.join(' ')}</p>`;
}

/** A long article of about `chars` characters of visible text with `mentions` mentions, one
 *  per paragraph at most, spread over the whole page. */
export function articlePage(seed: number, chars: number, mentions: number): BenchPage {
  const random = seededRandom(seed);
  const words = 100; // ≈ 600 characters per paragraph
  const count = Math.max(1, Math.round(chars / 600));
  const withMention = new Set<number>();
  while (withMention.size < Math.min(mentions, count)) withMention.add(Math.floor(random() * count));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 20 === 0) out.push(`${i ? '</section>' : ''}<section><h2>${prose(random, 6)}</h2>`);
    out.push(paragraph(random, words, withMention.has(i) ? [pick(random, MENTIONS)] : []));
  }
  out.push('</section>');
  return page(`Article, ${count} paragraphs`, `<article>${out.join('\n')}</article>`, withMention.size);
}

/** Starts with a few paragraphs; `__startScroll()` appends `batches` batches of
 *  `perBatch` paragraphs, one every `intervalMs`, every fifth paragraph with a mention. */
export function scrollPage(seed: number, batches: number, perBatch: number, intervalMs = 100): BenchPage {
  const random = seededRandom(seed);
  const initial = 20;
  const head = Array.from({ length: initial }, (_, i) => paragraph(random, 100, i % 5 ? [] : [pick(random, MENTIONS)]));
  const later: string[] = [];
  for (let i = 0; i < batches * perBatch; i++)
    later.push(paragraph(random, 100, i % 5 ? [] : [pick(random, MENTIONS)]));
  const addedMentions = Math.ceil((batches * perBatch) / 5);
  // The page builds its new paragraphs the way feeds do: parse a fragment, append it.
  const tail = `<script>
window.__later = ${JSON.stringify(later)};
window.__startScroll = () => new Promise((resolve) => {
  const feed = document.querySelector('main');
  let batch = 0;
  const next = () => {
    const template = document.createElement('template');
    template.innerHTML = window.__later.slice(batch * ${perBatch}, (batch + 1) * ${perBatch}).join('');
    feed.append(template.content);
    batch++;
    if (batch < ${batches}) setTimeout(next, ${intervalMs}); else resolve(batch);
  };
  next();
});
</script>`;
  return { ...page('Infinite scroll', head.join('\n'), initial / 5, tail), expected: initial / 5 + addedMentions };
}

/** `paragraphs` short paragraphs, `perParagraph` mentions each; `__runOps(n)` performs n of
 *  the page's own DOM operations (half insertions, half removals, seeded) and returns the
 *  milliseconds they took. */
export function domOpsPage(seed: number, paragraphs: number, perParagraph: number): BenchPage {
  const random = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    out.push(
      paragraph(
        random,
        24,
        Array.from({ length: perParagraph }, () => pick(random, MENTIONS)),
      ),
    );
  }
  const fresh = Array.from({ length: 64 }, () => prose(random, 24).replace(/\.$/, ', said Fasihuddin Fitrat.'));
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
  return page(`Feed, ${paragraphs} paragraphs`, out.join('\n'), paragraphs * perParagraph, tail);
}
