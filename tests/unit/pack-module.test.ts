// The content script's data comes from a module made at build time: it must be the pack the
// rest of the extension validates at run time, and its regex sources the ones made from it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import {
  CARD_MODULE,
  leanPack,
  PACK_DEFAULTS,
  packModule,
  PACK_MODULE,
  shorthandSource,
} from '../../src/cli/pack-module';
import { buildMatcher } from '../../src/match/build-matcher';
import { prefilterSource } from '../../src/match/prefilter';
import { buildCard } from '../../src/card/model';
import { bundledArticle, bundledPack } from '../../src/pack/bundled';
import type { Article, CardTopic, TopicPack } from '../../src/pack/types';

it('holds what the validated pack finds mentions with, what its cards show, and the regex sources made from them', async () => {
  const plugin = packModule(new URL('../../data/', import.meta.url));
  const resolveId = plugin.resolveId as (id: string) => string | undefined;
  const load = plugin.load as (this: { addWatchFile(file: string): void }, id: string) => string;
  const built: Record<string, unknown> = {};
  for (const name of [PACK_MODULE, CARD_MODULE]) {
    const id = resolveId(name);
    expect(id).toBeDefined();
    const watched: string[] = [];
    const code = load.call({ addWatchFile: (file) => watched.push(file) }, id!);
    expect(watched.map((f) => f.replace(/.*\//, ''))).toEqual(['article.json', 'topics.json']);
    const file = join(mkdtempSync(join(tmpdir(), 'pack-module-')), 'pack.mjs');
    writeFileSync(file, code);
    Object.assign(built, await import(pathToFileURL(file).href));
  }
  // What the content script finds mentions with: the topics' ids and aliases, the cue lists.
  const pagePack = built.pagePack as () => unknown;
  expect(pagePack()).toEqual({
    ...bundledPack,
    topics: bundledPack.topics.map(({ id, aliases }) => ({ id, aliases })),
  });
  expect(pagePack()).toBe(pagePack()); // parsed once
  expect(built.topicIds).toEqual(bundledPack.topics.map((t) => t.id));
  // Every card is the same built from the card UI's data alone.
  for (const topic of bundledPack.topics) {
    expect(buildCard(topic.id, built.cardTopics as CardTopic[], built.citedArticle as Article)).toEqual(
      buildCard(topic.id, bundledPack.topics, bundledArticle),
    );
  }
  // Nothing only the build's checks or the popup read (the facts' evidence, the gist).
  for (const key of ['evidence', 'gist', 'aliases']) expect(JSON.stringify(built.cardTopics)).not.toContain(`"${key}"`);
  const sentences = (a: Article) => a.paragraphs.flatMap((p) => p.sentences).length;
  expect(sentences(built.citedArticle as Article)).toBeLessThan(sentences(bundledArticle));
  expect((built.prefilterSource as () => unknown)()).toEqual(prefilterSource(bundledPack));
  expect((built.matcherSource as () => string)()).toBe(buildMatcher(bundledPack).source);
});

it('writes the matcher source short only where the short form cannot be misread', () => {
  const expand = (source: string) => runInNewContext(shorthandSource(source)) as string;
  const source = String.raw`(?:us[\-‐‑‒–—−]taliban\s+deal|a\s+b\s*c[\-‐])`;
  const code = shorthandSource(source);
  expect(JSON.parse(code.slice(0, code.indexOf('.replaceAll')))).toBe(String.raw`(?:us~taliban deal|a b\s*c[\-‐])`);
  expect(expand(source)).toBe(source);
  // A source that holds a short form's letter itself could not be told from it.
  expect(() => shorthandSource(String.raw`a b\s+c`)).toThrow(/holds " "/);
  expect(() => shorthandSource(String.raw`a~b`)).toThrow(/holds "~"/);
});

it('leaves out of the page only values it puts back, whatever the pack holds', async () => {
  // Every field away from its default, next to entries that keep them all.
  const topic = bundledPack.topics[0]!;
  const pack: TopicPack = {
    version: 1,
    cues: {
      place: [
        { text: 'Parwan', case: 'as-written', endings: ['a'] },
        { text: 'Kabul', case: 'any', endings: [] },
      ],
      // Words with nothing but their text go as one string; a word holding the separator not.
      titles: [
        { text: 'Qari', case: 'any', endings: [] },
        { text: 'Mr.', case: 'any', endings: [] },
      ],
      none: [],
      piped: [
        { text: 'a|b', case: 'any', endings: [] },
        { text: 'c', case: 'any', endings: [] },
      ],
    },
    topics: [
      {
        ...topic,
        aliases: [
          {
            text: 'Bagram',
            case: 'as-written',
            requires: ['cue:place'],
            unless: ['cue:place@block'],
            sure: ['cue:place@2'],
            endings: ['a'],
          },
          { text: 'Bagram Air Base', case: 'any', requires: [], unless: [], sure: [], endings: [] },
          // The same rules as the first: written once.
          {
            text: 'Bagram base',
            case: 'any',
            requires: ['cue:place'],
            unless: ['cue:place@block'],
            sure: ['cue:place@2'],
            endings: [],
          },
        ],
      },
    ],
  };
  const file = join(mkdtempSync(join(tmpdir(), 'pack-defaults-')), 'defaults.mjs');
  writeFileSync(file, `${PACK_DEFAULTS}\nexport { withDefaults };`);
  const { withDefaults } = (await import(pathToFileURL(file).href)) as { withDefaults(lean: unknown): unknown };
  const lean = leanPack(pack) as { cues: Record<string, unknown>; rules: unknown[] };
  expect(lean.cues.titles).toBe('Qari|Mr.');
  expect(lean.rules).toHaveLength(1);
  const restored = withDefaults(JSON.parse(JSON.stringify(lean))) as TopicPack;
  expect(restored).toEqual({ ...pack, topics: [{ id: topic.id, aliases: pack.topics[0]!.aliases }] });
  // Each entry has lists of its own.
  expect(restored.topics[0]!.aliases[1]!.requires).not.toBe(restored.topics[0]!.aliases[0]!.requires);
  expect(restored.topics[0]!.aliases[2]!.requires).not.toBe(restored.topics[0]!.aliases[0]!.requires);
  restored.topics[0]!.aliases[1]!.endings.push('x');
  expect(restored.cues.place![1]!.endings).toEqual([]);
});
