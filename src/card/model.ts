import type { Article, CardTopic, TopicId } from '../pack/types';

export interface CardFact {
  text: string;
  /** Article sentence the fact is drawn from, for the link to its source. */
  sentenceId: string;
  sentence: string;
}

export interface CardTimelineEntry extends CardFact {
  when: string;
}

export interface CardModel {
  topic: TopicId;
  title: string;
  description: string;
  facts: CardFact[];
  timeline: CardTimelineEntry[];
  quote?: { text: string; speaker: string; sentenceId: string };
  articleTitle: string;
}

/** Everything a background card shows for a topic, each line tied to its article sentence. */
export function buildCard(topicId: TopicId, topics: readonly CardTopic[], article: Article): CardModel {
  const topic = topics.find((t) => t.id === topicId);
  if (!topic) throw new Error(`no topic "${topicId}" in the pack`);
  const sentences = new Map(article.paragraphs.flatMap((p) => p.sentences.map((s) => [s.id, s.text] as const)));
  const sentenceText = (id: string): string => {
    const text = sentences.get(id);
    if (text === undefined) throw new Error(`topic "${topicId}" cites unknown sentence "${id}"`);
    return text;
  };
  return {
    topic: topic.id,
    title: topic.title,
    description: topic.description,
    facts: topic.facts.map((f) => ({ text: f.text, sentenceId: f.sentence, sentence: sentenceText(f.sentence) })),
    timeline: topic.timeline.map((t) => ({
      when: t.when,
      text: t.text,
      sentenceId: t.sentence,
      sentence: sentenceText(t.sentence),
    })),
    ...(topic.quote
      ? { quote: { text: topic.quote.text, speaker: topic.quote.speaker, sentenceId: topic.quote.sentence } }
      : {}),
    articleTitle: article.title,
  };
}
