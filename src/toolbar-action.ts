// The toolbar button, the same in every build. Manifest V3 calls it `action`; Firefox's
// Manifest V2 build (`npm run build:firefox-mv2`) has only `browserAction`, with the same
// methods we use.
import { browser } from 'wxt/browser';

type ToolbarAction = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setIcon'>;

export function toolbarAction(): ToolbarAction {
  // `browser.action` is typed as always present, but it is undefined in an MV2 build. The
  // types say browserAction.setBadgeText returns void; Firefox (and the polyfill) return a
  // promise, as `action` does.
  return (browser.action as typeof browser.action | undefined) ?? (browser.browserAction as unknown as ToolbarAction);
}
