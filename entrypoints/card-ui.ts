// The hover card's UI, which Chrome's background runs in a frame's content-script world when a
// card is first wanted there (src/page/card-ui.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerCardUi } from '../src/page/card-ui';
import { cardUi } from '../src/ui/render-card';

export default defineUnlistedScript({
  // Firefox bundles the card's UI into its content script (see entrypoints/content.ts).
  exclude: ['firefox'],
  main: () => registerCardUi(cardUi),
});
