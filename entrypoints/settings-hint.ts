// The hint that the reader's settings are the defaults: registered by the background only while
// they are (src/settings-hint.ts), run after the content script in each page's top frame.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { hintDefaults } from '../src/page/defaults-hint';

export default defineUnlistedScript({
  // Chrome alone: Firefox's build has no `scripting` permission, and waits for the settings.
  exclude: ['firefox'],
  main: hintDefaults,
});
