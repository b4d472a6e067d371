// The data pack as shipped inside the extension. The build has already validated it
// (wxt.config.ts); parsing again here costs well under a millisecond and fills defaults.
import articleJson from '../../data/article.json';
import topicsJson from '../../data/topics.json';
import { parseArticle, parseTopicPack } from './validate';

export const bundledArticle = parseArticle(articleJson, 'data/article.json');
export const bundledPack = parseTopicPack(topicsJson, 'data/topics.json', bundledArticle);
