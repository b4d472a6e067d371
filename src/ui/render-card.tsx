import { render } from 'preact';
import { cardTopics, citedArticle } from 'virtual:context-overlays/cards';
import { buildCard } from '../card/model';
import { Card, type CardUi } from './Card';

/** The card UI that the content script loads on first use (src/page/card-ui.ts). */
export const cardUi: CardUi = {
  render(root, request) {
    if (!request) return render(null, root);
    const { topic, ...props } = request;
    const card = buildCard(topic, cardTopics, citedArticle);
    render(<Card {...props} card={card} />, root);
  },
};
