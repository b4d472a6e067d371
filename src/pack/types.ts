/** The bundled article, split into paragraphs and sentences with stable ids. */
export interface Article {
  title: string;
  /** Where the text came from (file name of the seed). */
  source: string;
  paragraphs: Paragraph[];
}
export interface Paragraph {
  id: string;
  sentences: Sentence[];
}
export interface Sentence {
  id: string;
  text: string;
}

export type TopicId = string;

/** How an alias's letter case is compared with the page text. */
export type CaseRule =
  /** Any case matches: the alias cannot be mistaken for anything else. */
  | 'any'
  /** Matches as written in the pack, or in all capitals (headlines). */
  | 'as-written';

export interface Alias {
  text: string;
  case: CaseRule;
  /** The mention counts only if at least one of these conditions holds (src/match/conditions.ts):
   *  `cue:<cue list>` or `topic:<topic id>` (an unconditional mention of that topic), on the
   *  whole page, or with `@block` in the same block, or with `@<N>` within N words.
   *  Empty: always counts. */
  requires: string[];
  /** The mention does not count if any of these conditions holds (same syntax). */
  unless: string[];
  /** The mention counts if any of these holds after it, whatever `requires` and `unless` say:
   *  words that settle what it is ("Doha Agreement with the Taliban"). Block or word scope
   *  only, and only what follows the mention counts. */
  sure: string[];
  /** Endings each word of the alias may take in inflected languages (Баграм → Баграма). */
  endings: string[];
}

/** A word of a cue list; `case` and `endings` as for aliases. */
export interface CueWord {
  text: string;
  case: CaseRule;
  endings: string[];
}

export interface Fact {
  text: string;
  /** Id of the article sentence the fact is drawn from. */
  sentence: string;
  /** Words copied verbatim from that sentence, proving where the fact came from. */
  evidence: string;
}

/** A dated step in a topic's history, drawn from the article like a fact. */
export interface TimelineEntry extends Fact {
  /** When, in the article's words ("early 1950s", "July 2021"). */
  when: string;
}

export interface Quote {
  text: string;
  speaker: string;
  sentence: string;
}

export interface Topic {
  id: TopicId;
  title: string;
  /** One line: what it is. */
  description: string;
  /** Shorter still, for the popup row. */
  gist: string;
  aliases: Alias[];
  facts: Fact[];
  timeline: TimelineEntry[];
  quote?: Quote;
}

export interface TopicPack {
  version: 1;
  /** Word lists that tell what a page is about, e.g. `afghanistan`. */
  cues: Record<string, CueWord[]>;
  topics: Topic[];
}

/** What a page needs of the pack to find mentions (the content script's copy,
 *  src/cli/pack-module.ts): ids, aliases and cue lists. Every TopicPack is one. */
export interface PagePack {
  version: 1;
  cues: Record<string, CueWord[]>;
  topics: MatchTopic[];
}
export type MatchTopic = Pick<Topic, 'id' | 'aliases'>;

/** What a card shows of a topic (the card UI's copy): no evidence, which only the build's
 *  checks read. Every Topic is one. */
export type CardTopic = Pick<Topic, 'id' | 'title' | 'description' | 'quote'> & {
  facts: Array<Omit<Fact, 'evidence'>>;
  timeline: Array<Omit<TimelineEntry, 'evidence'>>;
};
