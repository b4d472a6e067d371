// The module src/cli/pack-module.ts makes at build time (the content script's data).
declare module 'virtual:context-overlays/pack' {
  /** The pack as a page needs it (no gist, no evidence). */
  export const pack: import('./types').PagePack;
  /** Prefilter source for `pack` (src/match/prefilter.ts). */
  export const prefilterSource: string;
  /** `new Matcher(pack).source` (src/match/matcher.ts). */
  export const matcherSource: string;
}

// The card's UI's data, made by the same plugin.
declare module 'virtual:context-overlays/article' {
  /** The article with only the sentences the pack cites (what cards show). */
  export const citedArticle: import('./types').Article;
}
