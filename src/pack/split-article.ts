import type { Article } from './types';

// A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace and
// a capital letter or opening quote. The seed article has no abbreviations that would fool it
// ("US" is written without dots); re-check this rule when importing another article.
const SENTENCE_END = /(?<=[.!?]["”’]?)\s+(?=["“A-Z])/u;

/** Turns plain article text (title line, blank-line separated paragraphs) into an Article
 *  whose paragraph and sentence ids are positional: p<paragraph>s<sentence>, from 1. */
export function splitArticle(text: string, source: string): Article {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.length > 0);
  const [title, ...body] = blocks;
  if (title === undefined) throw new Error(`${source}: the article is empty`);
  return {
    title,
    source,
    paragraphs: body.map((paragraph, p) => ({
      id: `p${p + 1}`,
      sentences: paragraph.split(SENTENCE_END).map((sentence, s) => ({
        id: `p${p + 1}s${s + 1}`,
        text: sentence,
      })),
    })),
  };
}
