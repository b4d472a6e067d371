// Build time: the data pack as the content script needs it, in one module. The pack is
// validated and its defaults filled here, once, instead of in every page the content script
// runs in (≈2 ms of main thread per page, and 4 KB of validator in the script), and the
// prefilter's and the matcher's regex sources are computed from it. A broken pack fails the build (wxt.config.ts).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { Matcher } from '../match/matcher';
import { prefilterSource } from '../match/prefilter';
import { loadDataFiles } from '../pack/data-files';
import type { Article, PagePack, TopicPack } from '../pack/types';

export const PACK_MODULE = 'virtual:context-overlays/pack';
const RESOLVED = `\0${PACK_MODULE}`;

/** JSON.parse of a string literal: V8 reads it faster than the same object as code. */
const parsedAtRuntime = (value: unknown) => `JSON.parse(${JSON.stringify(JSON.stringify(value))})`;

export function packModule(dataDir: URL): Plugin {
  return {
    name: 'context-overlays-pack',
    resolveId: (id) => (id === PACK_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      for (const file of ['article.json', 'topics.json']) this.addWatchFile(fileURLToPath(new URL(file, dataDir)));
      const { article, pack } = loadDataFiles(dataDir);
      return [
        // Cards quote only the sentences the topics cite; the reader page has the whole text.
        `export const citedArticle = ${parsedAtRuntime(citedOnly(article, pack))};`,
        PACK_DEFAULTS,
        `export const pack = withDefaults(${parsedAtRuntime(leanPack(pack))});`,
        `export const prefilterSource = ${JSON.stringify(prefilterSource(pack))};`,
        `export const matcherSource = ${JSON.stringify(new Matcher(pack).source)};`,
      ].join('\n');
    },
  };
}

/** What a page needs of `pack` (PagePack), without the values the validator fills in when a
 *  file leaves them out (case "any", no rules, no endings): the content script is held to
 *  30 KB gzipped (issue 6), and these made a tenth of its data. */
export function leanPack(pack: TopicPack): unknown {
  const lean = <T extends object>(entry: T): Partial<T> =>
    Object.fromEntries(
      Object.entries(entry).filter(
        ([key, value]) => !(key === 'case' ? value === 'any' : Array.isArray(value) && value.length === 0),
      ),
    ) as Partial<T>;
  const page: PagePack = {
    version: pack.version,
    cues: pack.cues,
    topics: pack.topics.map(({ gist: _gist, facts, timeline, ...topic }) => ({
      ...topic,
      facts: facts.map(({ evidence: _evidence, ...fact }) => fact),
      timeline: timeline.map(({ evidence: _evidence, ...entry }) => entry),
    })),
  };
  return {
    ...page,
    cues: Object.fromEntries(Object.entries(page.cues).map(([cue, words]) => [cue, words.map(lean)])),
    topics: page.topics.map((topic) => ({ ...topic, aliases: topic.aliases.map(lean) })),
  };
}

/** Puts back, in the page, what leanPack left out. */
const PACK_DEFAULTS = `const withDefaults = (p) => ({
  ...p,
  cues: Object.fromEntries(Object.entries(p.cues).map(([k, ws]) => [k, ws.map((w) => ({ case: 'any', endings: [], ...w }))])),
  topics: p.topics.map((t) => ({ ...t, aliases: t.aliases.map((a) => ({ case: 'any', requires: [], unless: [], endings: [], ...a })) })),
});`;

/** `article` with only the sentences `pack` cites (facts, timeline, quotes). */
function citedOnly(article: Article, pack: TopicPack): Article {
  const cited = new Set(
    pack.topics.flatMap((t) => [
      ...t.facts.map((f) => f.sentence),
      ...t.timeline.map((e) => e.sentence),
      ...(t.quote ? [t.quote.sentence] : []),
    ]),
  );
  const paragraphs = article.paragraphs
    .map((p) => ({ ...p, sentences: p.sentences.filter((s) => cited.has(s.id)) }))
    .filter((p) => p.sentences.length > 0);
  return { ...article, paragraphs };
}
