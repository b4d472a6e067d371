// The module src/cli/pack-module.ts makes at build time (the content script's data).
declare module 'virtual:context-overlays/pack' {
  export const article: import('./types').Article;
  export const pack: import('./types').TopicPack;
  /** Prefilter source for `pack` (src/match/prefilter.ts). */
  export const prefilterSource: string;
}
