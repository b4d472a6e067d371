import type { TopicId } from '../pack/types';

/** A mention found on the page. `range` is a StaticRange: live Ranges made the page's own
 *  DOM work 500× slower with 28k marks (DESIGN.md), so staleness is handled by rescanning. */
export interface PageMention {
  topic: TopicId;
  alias: string;
  /** The mention's text as it stood when found (to tell when the page changed it). */
  text: string;
  range: StaticRange;
  /** Every text node the mention touches (more than one when split across inline elements). */
  nodes: Text[];
  /** False while a conditional alias waits for its page condition. */
  accepted: boolean;
  requires: readonly string[];
  /** In the page's navigation, a sidebar or its footer (see PageContext.absorb). */
  boilerplate?: boolean;
}
