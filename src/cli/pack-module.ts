// Build time: the data pack as the content script needs it, in one module. The pack is
// validated and its defaults filled here, once, instead of in every page the content script
// runs in (≈2 ms of main thread per page, and 4 KB of validator in the script), and the
// prefilter's and the matcher's regex sources are computed from it. A broken pack fails the build (wxt.config.ts).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { buildMatcher } from '../match/build-matcher';
import { DASHES, GAP } from '../match/normalize';
import { prefilterSource } from '../match/prefilter';
import { loadDataFiles } from '../pack/data-files';
import type { Alias, Article, CardTopic, TopicPack } from '../pack/types';

export const PACK_MODULE = 'virtual:context-overlays/pack';
/** What the cards show (the topics' facts, timelines and quotes, and the article sentences
 *  they cite): for the card's UI, which the content script loads when a card is first wanted
 *  (a page never hovered never parses them). */
export const CARD_MODULE = 'virtual:context-overlays/cards';
const RESOLVED = `\0${PACK_MODULE}`;
const RESOLVED_CARDS = `\0${CARD_MODULE}`;

/** JSON.parse of a string literal: V8 reads it faster than the same object as code. */
const parsedAtRuntime = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

export function packModule(dataDir: URL): Plugin {
  return {
    name: 'context-overlays-pack',
    resolveId: (id) => (id === PACK_MODULE ? RESOLVED : id === CARD_MODULE ? RESOLVED_CARDS : undefined),
    load(id) {
      if (id !== RESOLVED && id !== RESOLVED_CARDS) return undefined;
      for (const file of ['article.json', 'topics.json']) this.addWatchFile(fileURLToPath(new URL(file, dataDir)));
      const { article, pack } = loadDataFiles(dataDir);
      if (id === RESOLVED_CARDS) {
        // Cards quote only the sentences the topics cite; the reader page has the whole text.
        return [
          `export const cardTopics = ${parsedAtRuntime(cardTopics(pack))};`,
          `export const citedArticle = ${parsedAtRuntime(citedOnly(article, pack))};`,
        ].join('\n');
      }
      return [
        PACK_DEFAULTS,
        // Read when the matcher is first built: a frame with nothing to mark (an ad, a page
        // without mentions) never parses the pack, only the prefilter's source.
        `let page;`,
        `export const pagePack = () => (page ??= withDefaults(${parsedAtRuntime(leanPack(pack))}));`,
        `export const topicIds = ${JSON.stringify(pack.topics.map((t) => t.id))};`,
        // Functions, each called once, so the minifier writes the two regex sources where they
        // are used, near each other and the pack's JSON: much of one repeats the other, which
        // gzip draws on only within 32 KB. Written as module constants, they stood 30–46 KB
        // away, and the content script was 500 bytes bigger gzipped.
        `export const prefilterSource = () => (${JSON.stringify(prefilterSource(pack))});`,
        `export const matcherSource = () => ${shorthandSource(buildMatcher(pack).source)};`,
      ].join('\n');
    },
  };
}

/** Pieces the matcher's regex source repeats, each written as one character the source
 *  does not hold, and put back when the matcher is built: its 158 gaps between words and 21
 *  dash classes made 190 bytes of the content script gzipped (issue 6 holds it to 30 KB). */
const SHORTHANDS = [
  [' ', GAP],
  ['~', `[${DASHES}]`],
] as const;

/** The code of an expression that makes `source`, with SHORTHANDS written short. */
export function shorthandSource(source: string): string {
  let short = source;
  let expand = '';
  for (const [letter, piece] of SHORTHANDS) {
    if (short.includes(letter)) throw new Error(`the matcher's regex holds ${JSON.stringify(letter)}`);
    short = short.split(piece).join(letter);
    expand += `.replaceAll(${JSON.stringify(letter)}, ${JSON.stringify(piece)})`;
  }
  return JSON.stringify(short) + expand;
}

/** Between the words of a cue list written as one string (see leanPack). */
const WORDS_APART = '|';

/** The values src/pack/validate.ts fills in when a pack file leaves them out. */
const DEFAULTS = {
  alias: { case: 'any', requires: [], unless: [], sure: [], endings: [] },
  cue: { case: 'any', endings: [] },
} as const;

/** What a page needs of `pack` to find mentions (PagePack), without the values in DEFAULTS:
 *  the content script is held to 30 KB gzipped (issue 6), and these made a tenth of its data. */
export function leanPack(pack: TopicPack): unknown {
  const lean = (entry: object, defaults: object) =>
    Object.fromEntries(
      Object.entries(entry).filter(
        ([key, value]) =>
          !(key in defaults && JSON.stringify(value) === JSON.stringify(defaults[key as keyof typeof defaults])),
      ),
    );
  /** Each distinct rule set, as JSON, and its number. */
  const ruleSets = new Map<string, number>();
  return {
    version: pack.version,
    // A word with nothing but its text is that text (most of them: the long not-names list),
    // and a list of such words one string, the words between WORDS_APART.
    cues: Object.fromEntries(
      Object.entries(pack.cues).map(([cue, words]) => {
        const entries = words.map((w) => {
          const entry = lean(w, DEFAULTS.cue);
          return Object.keys(entry).length === 1 ? w.text : entry;
        });
        const texts = entries.filter((e): e is string => typeof e === 'string');
        if (texts.length === 0 || texts.length < entries.length || texts.some((t) => t.includes(WORDS_APART)))
          return [cue, entries];
        return [cue, texts.join(WORDS_APART)];
      }),
    ),
    // The rules many aliases share (the Doha spellings' five conditions and vetoes) once, in
    // `rules`, each alias naming its set by number.
    topics: pack.topics.map(({ id, aliases }) => ({
      id,
      aliases: aliases.map((a) => {
        const { requires, unless, sure, ...rest } = lean(a, DEFAULTS.alias) as Partial<Alias>;
        if (!requires && !unless && !sure) return rest;
        const set = JSON.stringify([requires ?? [], unless ?? [], sure ?? []]);
        if (!ruleSets.has(set)) ruleSets.set(set, ruleSets.size);
        return { ...rest, rules: ruleSets.get(set) };
      }),
    })),
    rules: [...ruleSets.keys()].map((set) => JSON.parse(set) as unknown),
  };
}

/** What the cards show of each topic (CardTopic): no evidence, no gist, no aliases. */
export function cardTopics(pack: TopicPack): CardTopic[] {
  return pack.topics.map(({ id, title, description, facts, timeline, quote }) => ({
    id,
    title,
    description,
    facts: facts.map(({ evidence: _evidence, ...fact }) => fact),
    timeline: timeline.map(({ evidence: _evidence, ...entry }) => entry),
    ...(quote ? { quote } : {}),
  }));
}

/** Object-literal entries for `defaults`: evaluated per entry, each gets arrays of its own. */
const literal = (defaults: object) =>
  Object.entries(defaults)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join(', ');

/** Code, run in the page, that puts back what leanPack left out (`withDefaults(lean)`). */
export const PACK_DEFAULTS = `const withDefaults = ({ rules, ...p }) => ({
  ...p,
  cues: Object.fromEntries(Object.entries(p.cues).map(([k, ws]) => [k, (typeof ws === 'string' ? ws.split('${WORDS_APART}') : ws).map((w) => ({ ${literal(DEFAULTS.cue)}, ...(typeof w === 'string' ? { text: w } : w) }))])),
  topics: p.topics.map((t) => ({ ...t, aliases: t.aliases.map(({ rules: r, ...a }) => ({ ${literal(DEFAULTS.alias)}, ...(r === undefined ? {} : { requires: [...rules[r][0]], unless: [...rules[r][1]], sure: [...rules[r][2]] }), ...a })) })),
});`;

/** `article` with only the sentences `pack` cites (facts, timeline, quotes), in one paragraph:
 *  cards look sentences up by id, and the paragraphs' own ids and wrappers cost script size. */
function citedOnly(article: Article, pack: TopicPack): Article {
  const cited = new Set(
    pack.topics.flatMap((t) => [
      ...t.facts.map((f) => f.sentence),
      ...t.timeline.map((e) => e.sentence),
      ...(t.quote ? [t.quote.sentence] : []),
    ]),
  );
  const sentences = article.paragraphs.flatMap((p) => p.sentences.filter((s) => cited.has(s.id)));
  return { ...article, paragraphs: [{ id: 'cited', sentences }] };
}
