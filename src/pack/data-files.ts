// Node-only: reads the data pack from disk (build time, tests, CLI). The extension itself
// bundles the same JSON through src/pack/bundled.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PackError, parseArticle, parseTopicPack } from './validate';
import type { Article, TopicPack } from './types';

function readJson(url: URL, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(fileURLToPath(url), 'utf8');
  } catch (error) {
    throw new PackError(name, '(file)', `cannot be read (${(error as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new PackError(name, '(file)', `is not valid JSON (${(error as Error).message})`);
  }
}

export function loadDataFiles(dataDir: URL): { article: Article; pack: TopicPack } {
  const article = parseArticle(readJson(new URL('article.json', dataDir), 'data/article.json'), 'data/article.json');
  const pack = parseTopicPack(
    readJson(new URL('topics.json', dataDir), 'data/topics.json'),
    'data/topics.json',
    article,
  );
  return { article, pack };
}

export function assertValidDataFiles(dataDir: URL): void {
  loadDataFiles(dataDir);
}
