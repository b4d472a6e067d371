// The hover card's UI, loaded by the content script when a card is first wanted in a frame
// (src/page/card-ui.ts); listed in the manifest's web_accessible_resources for that.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { registerCardUi } from '../src/page/card-ui';
import { cardUi } from '../src/ui/render-card';

export default defineUnlistedScript({
  // Firefox bundles the card's UI into its content script (see entrypoints/content.ts).
  exclude: ['firefox'],
  main: () => registerCardUi(cardUi),
});
