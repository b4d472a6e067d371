/** The goal of issue 3 for the mention corpus: precision and recall on overlapping spans of
 *  the right topic, and the share of expected mentions found with their exact span. */
export const GOAL = { precision: 0.98, recall: 0.95, exactShare: 0.9 };
