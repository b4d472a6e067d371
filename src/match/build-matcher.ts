import type { PagePack } from '../pack/types';
import { gatedSource } from './alternation';
import { Matcher } from './matcher';

/** A matcher that makes its own regex (the content script's is made at build time). */
export function buildMatcher(pack: PagePack): Matcher {
  return new Matcher(pack, gatedSource);
}
