// Usage: npm run import:article -- <article.txt> > data/article.json
// Re-importing renumbers sentence ids, so re-check every `sentence` reference in data/topics.json.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { splitArticle } from '../pack/split-article';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: import-article <article.txt>');
  process.exit(2);
}
const article = splitArticle(readFileSync(file, 'utf8'), basename(file));
process.stdout.write(JSON.stringify(article, null, 2) + '\n');
