// The module src/cli/pack-module.ts makes at build time (the content script's data).
declare module 'virtual:context-overlays/pack' {
  /** The pack as a page needs it to find mentions (ids, aliases, cue lists), parsed on the
   *  first call. */
  export function pagePack(): import('./types').PagePack;
  /** The topics' ids, in the pack's order. */
  export const topicIds: readonly import('./types').TopicId[];
  /** The prefilter's sources for `pack` (src/match/prefilter.ts). */
  export function prefilterSource(): import('../match/prefilter').PrefilterSource;
  /** `buildMatcher(pack).source` (src/match/build-matcher.ts), put together on each call (see
   *  shorthandSource in src/cli/pack-module.ts). */
  export function matcherSource(): string;
}

// The card's UI's data, made by the same plugin.
declare module 'virtual:context-overlays/cards' {
  /** What each topic's card shows. */
  export const cardTopics: import('./types').CardTopic[];
  /** The article with only the sentences the cards cite. */
  export const citedArticle: import('./types').Article;
}
