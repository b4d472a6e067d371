// The content script's data comes from a module made at build time: it must be the pack the
// rest of the extension validates at run time, and its regex sources the ones made from it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { packModule, PACK_MODULE } from '../../src/cli/pack-module';
import { Matcher } from '../../src/match/matcher';
import { prefilterSource } from '../../src/match/prefilter';
import { buildCard } from '../../src/card/model';
import { bundledArticle, bundledPack } from '../../src/pack/bundled';
import type { Article } from '../../src/pack/types';

it('holds the validated pack, the article sentences its cards cite, and the prefilter source made from them', async () => {
  const plugin = packModule(new URL('../../data/', import.meta.url));
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const load = plugin.load as (this: { addWatchFile(file: string): void }, id: string) => string;
  const id = resolveId(PACK_MODULE);
  expect(id).toBeDefined();
  const watched: string[] = [];
  const code = load.call({ addWatchFile: (file) => watched.push(file) }, id!);
  expect(watched.map((f) => f.replace(/.*\//, ''))).toEqual(['article.json', 'topics.json']);
  const file = join(mkdtempSync(join(tmpdir(), 'pack-module-')), 'pack.mjs');
  writeFileSync(file, code);
  const built = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  // The pack as a page needs it: all of it but the popup's gist and the facts' evidence.
  expect(built.pack).toEqual({
    ...bundledPack,
    topics: bundledPack.topics.map(({ gist: _g, ...t }) => ({
      ...t,
      facts: t.facts.map(({ evidence: _e, ...f }) => f),
      timeline: t.timeline.map(({ evidence: _e, ...e }) => e),
    })),
  });
  // Every card is the same built from the cited sentences alone.
  for (const topic of bundledPack.topics) {
    expect(buildCard(topic.id, bundledPack, built.citedArticle as Article)).toEqual(
      buildCard(topic.id, bundledPack, bundledArticle),
    );
  }
  const sentences = (a: Article) => a.paragraphs.flatMap((p) => p.sentences).length;
  expect(sentences(built.citedArticle as Article)).toBeLessThan(sentences(bundledArticle));
  expect(built.prefilterSource).toBe(prefilterSource(bundledPack));
  expect(built.matcherSource).toBe(new Matcher(bundledPack).source);
});
