import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t, uiDirection, uiLanguage } from '../../src/i18n';
import { connectPopup } from '../../src/popup-state';
import { Popup } from '../../src/ui/Popup';
import '../../src/ui/popup.css';
import '../../src/ui/visually-hidden.css';

const requestedTab = new URLSearchParams(location.search).get('tabId');

async function tabIdToShow(): Promise<number | null> {
  // popup.html?tabId=N summarises tab N (contract 5): for tests and for opening it in a tab.
  if (requestedTab !== null && /^\d+$/.test(requestedTab)) return Number(requestedTab);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

document.documentElement.lang = uiLanguage();
document.documentElement.dir = uiDirection();
document.title = t('extName');
const app = document.getElementById('app')!;
void tabIdToShow().then((tabId) => {
  connectPopup(
    tabId,
    (view) => {
      render(<Popup view={view} />, app);
      // Read by the end-to-end tests to report how fast the popup shows the page's state.
      if (view.kind !== 'loading' && performance.getEntriesByName('popup-ready').length === 0) {
        performance.mark('popup-ready');
      }
    },
    // As a real popup, get out of the way once the page shows the card; opened in a tab
    // (popup.html?tabId=N), stay.
    () => requestedTab === null && window.close(),
  );
});
