import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../src/ui/Popup';
import { connectPopup } from '../../src/popup-state';
import '../../src/ui/popup.css';

async function tabIdToShow(): Promise<number | null> {
  // popup.html?tabId=N summarises tab N (contract 5): for tests and for opening it in a tab.
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null && /^\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

const app = document.getElementById('app')!;
void tabIdToShow().then((tabId) => {
  connectPopup(tabId, (view) => render(<Popup view={view} />, app));
});
