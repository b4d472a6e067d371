// Pages for tests/e2e/fuzz-scripts-loading.spec.ts: streamed in pieces, with inline scripts
// between the pieces that change the page at random while it loads.
import type { Page } from '@playwright/test';
import { pick, seededRandom } from '../bench/random';
import { packFacts } from './fuzz-dom';
import type { TimedPiece } from './stream-server';

/** Runs in the page (as an inline script's source): `count` random changes drawn from
 *  `random`. Blocks go only where the HTML parser would put them back (under body or a div),
 *  inline elements into blocks or inline elements, so the final DOM survives being served
 *  again. */
function scramble(random: () => number, count: number, mentions: readonly string[], words: readonly string[]): void {
  const any = <T>(list: ArrayLike<T>): T | undefined => list[Math.floor(random() * list.length)];
  const phrase = () => {
    const out: string[] = [];
    for (let i = 0, n = 2 + Math.floor(random() * 6); i < n; i++) out.push(any(words)!);
    if (random() < 0.5) out.splice(Math.floor(random() * out.length), 0, any(mentions)!);
    return out.join(' ');
  };
  const body = document.body;
  const elements = (selector: string) => [...body.querySelectorAll(selector)];
  const texts = () => {
    const out: Text[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!(n.parentElement instanceof HTMLScriptElement)) out.push(n as Text);
    return out;
  };
  const placeIn = (parent: Element, node: Node) => parent.insertBefore(node, any([...parent.childNodes, null]) ?? null);
  for (let i = 0; i < count; i++) {
    try {
      const op = random();
      if (op < 0.2) {
        const block = any(elements('p, div'));
        const to = any([body, ...elements('div')]);
        if (block && to && !block.contains(to)) placeIn(to, block);
      } else if (op < 0.35) {
        const inline = any(elements('span, b, em'));
        const to = any(elements('p, div, span, b, em'));
        if (inline && to && !inline.contains(to)) placeIn(to, inline);
      } else if (op < 0.5) {
        const p = document.createElement('p');
        p.textContent = phrase();
        placeIn(any([body, ...elements('div')])!, p);
      } else if (op < 0.65) {
        const text = any(texts());
        if (text) text.data = phrase();
      } else if (op < 0.75) {
        any(texts())?.appendData(` ${phrase()}`);
      } else if (op < 0.85) {
        const text = any(texts());
        if (text && text.length > 1) text.splitText(1 + Math.floor(random() * (text.length - 1)));
      } else {
        const gone = any([...elements('p, div, span, b, em'), ...texts()]);
        if (gone && gone !== body) gone.parentNode?.removeChild(gone);
      }
    } catch {
      // A move the DOM refuses: the next one.
    }
  }
}

/** Filler words that hold no alias and no cue word (a few of tests/bench/text.ts's). */
const WORDS = (
  'the of and to in a is that for it as was with be by on not this are or from at which but have ' +
  'an they were there been one all their has would when if so will more can said who also into ' +
  'than only other new some could time these two may then first any now like over even most made ' +
  'after through back years where much way well down because each just those people how little'
).split(' ');
/** Aliases that always count, in Latin letters. */
const MENTIONS = packFacts().plantable.map((p) => p.text);
const ALWAYS_COUNT = new Set(MENTIONS);

/** The marks of aliases that always count (see readPlacedMarks for the form). */
export function unconditionalMarks(marks: readonly string[]): string[] {
  return marks.filter((m) => ALWAYS_COUNT.has(m.replace(/^\S+ @-?\d+ /, '')));
}

function prose(random: () => number, count: number): string {
  const words = Array.from({ length: count }, () => pick(random, WORDS));
  return `${words.join(' ')}.`;
}

/** Prose with, now and then, a mention: some cut across an inline element. */
function paragraph(random: () => number): string {
  const words = prose(random, 8 + Math.floor(random() * 30)).split(' ');
  const mention = random() < 0.5 ? pick(random, MENTIONS) : null;
  if (mention) {
    const at = Math.floor(random() * words.length);
    const parts = mention.split(' ');
    words.splice(
      at,
      0,
      parts.length > 1 && random() < 0.3 ? `${parts[0]} <b>${parts.slice(1).join(' ')}</b>` : mention,
    );
  }
  const inline = pick(random, ['span', 'b', 'em']);
  const i = Math.floor(random() * words.length);
  if (random() < 0.5 && !words[i]!.includes('<')) words[i] = `<${inline}>${words[i]}</${inline}>`;
  return `<p>${words.join(' ')}</p>`;
}

export interface ScriptedPage {
  pieces: TimedPiece[];
}

export function scriptedPage(seed: number): ScriptedPage {
  const random = seededRandom(seed);
  const encoder = new TextEncoder();
  const pieces: TimedPiece[] = [];
  const count = 4 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    let html = i === 0 ? '<!doctype html><html><head><title>Notes</title></head><body>' : '';
    for (let b = 0, n = 2 + Math.floor(random() * 6); b < n; b++)
      html += random() < 0.25 ? `<div>${paragraph(random)}${paragraph(random)}</div>` : paragraph(random);
    if (i > 0) {
      const seed = Math.floor(random() * 2 ** 31);
      const rest = JSON.stringify([1 + Math.floor(random() * 6), MENTIONS, WORDS]).slice(1, -1);
      html += `<script>(${scramble.toString()})((${seededRandom.toString()})(${seed}), ${rest});</script>`;
    }
    if (i === count - 1) html += '</body></html>';
    pieces.push({ bytes: encoder.encode(html), waitMs: i === 0 ? 0 : 20 + Math.floor(random() * 60) });
  }
  return { pieces };
}

/** The marks, as topic, offset in the text of the body (scripts left out) and text, sorted. */
export function readPlacedMarks(): string[] {
  const starts = new Map<Node, number>();
  let offset = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement instanceof HTMLScriptElement) continue;
    starts.set(n, offset);
    offset += (n as Text).length;
  }
  const out: string[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('context-overlay-')) continue;
    for (const r of highlight as unknown as Iterable<AbstractRange>) {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      out.push(`${name.slice(16)} @${(starts.get(r.startContainer) ?? -1e6) + r.startOffset} ${range.toString()}`);
    }
  }
  return out.sort();
}

/** The marks once they stop changing (checked every 150 ms, at most ~6 s), from when the
 *  extension runs on the page (its highlight names are there): before the reader's settings
 *  come, no marks would pass for settled ones on a busy machine. */
export async function settledMarks(page: Page): Promise<string[]> {
  await page.waitForFunction(() => [...CSS.highlights.keys()].some((n) => n.startsWith('context-overlay-')));
  let last = JSON.stringify(await page.evaluate(readPlacedMarks));
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = JSON.stringify(await page.evaluate(readPlacedMarks));
    if (now === last && i >= 2) break;
    last = now;
  }
  return JSON.parse(last) as string[];
}
