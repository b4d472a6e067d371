// Just the topics' names, for the popup and the options page: they need no aliases, rules or
// article, and skipping the pack's parsing keeps the popup's first paint fast (issue 5 asks
// for < 100 ms). The build has validated these fields (wxt.config.ts).
import topicsJson from '../../data/topics.json';
import type { TopicId } from './types';

export interface TopicSummary {
  id: TopicId;
  title: string;
  gist: string;
}

export const topicList: readonly TopicSummary[] = topicsJson.topics.map(({ id, title, gist }) => ({ id, title, gist }));
