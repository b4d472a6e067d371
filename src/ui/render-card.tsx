import { render } from 'preact';
import type { CardUi } from '../page/card-ui';
import { Card } from './Card';

/** The card UI that the content script loads on first use (src/page/card-ui.ts). */
export const cardUi: CardUi = {
  render(root, props) {
    render(props ? <Card {...props} /> : null, root);
  },
};
