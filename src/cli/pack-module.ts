// Build time: the data pack as the content script needs it, in one module. The pack is
// validated and its defaults filled here, once, instead of in every page the content script
// runs in (≈2 ms of main thread per page, and 4 KB of validator in the script), and the
// prefilter's and the matcher's regex sources are computed from it. A broken pack fails the build (wxt.config.ts).
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { Matcher } from '../match/matcher';
import { prefilterSource } from '../match/prefilter';
import { loadDataFiles } from '../pack/data-files';
import type { Article, TopicPack } from '../pack/types';

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
        `export const pack = ${parsedAtRuntime(pack)};`,
        `export const prefilterSource = ${JSON.stringify(prefilterSource(pack))};`,
        `export const matcherSource = ${JSON.stringify(new Matcher(pack).source)};`,
      ].join('\n');
    },
  };
}

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
