import { render } from 'preact';
import { Card, type CardUi } from './Card';

/** The card UI that the content script loads on first use (src/page/card-ui.ts). */
export const cardUi: CardUi = {
  render(root, props) {
    render(props ? <Card {...props} /> : null, root);
  },
};
