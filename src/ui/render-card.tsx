import { render } from 'preact';
import { cardTopics, citedArticle } from 'virtual:context-overlays/cards';
import { buildCard } from '../card/model';
import { holdsFixedBoxes, placeCard } from '../page/card-position';
import { scrollBoxesTo } from '../page/clipping';
import { nextMention, openModal, sameWords } from '../page/next-mention';
import { startShownCard } from '../page/shown-card';
import { Card, type CardUi } from './Card';

/** The card UI that the content script loads on first use (src/page/card-ui.ts). Placing
 *  the card, and the keyboard's look at the boxes around a mention, come with it: only a page
 *  with a card open needs them. */
export const cardUi: CardUi = {
  place: placeCard,
  nextMention,
  openModal,
  sameWords,
  scrollBoxesTo,
  holdsFixedBoxes,
  showCards: startShownCard,
  render(root, request) {
    if (!request) return render(null, root);
    const { topic, ...props } = request;
    const card = buildCard(topic, cardTopics, citedArticle);
    render(<Card {...props} card={card} />, root);
  },
};
