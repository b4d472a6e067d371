// Store screenshots (1280×800, what the Chrome Web Store and addons.mozilla.org take) made
// from the built extension: a card open on a news article, and the popup's summary of it.
// They go to assets/store/screenshots/ with UPDATE_SCREENSHOTS=1, else to test-results/.
import { chromium, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, extensionPath, tabIdOf, test as base, textCenter, waitForMarkCount } from './fixtures';

const SIZE = { width: 1280, height: 800 };
const outDir = process.env.UPDATE_SCREENSHOTS ? 'assets/store/screenshots' : 'test-results/store-screenshots';

function outPath(name: string): string {
  mkdirSync(outDir, { recursive: true });
  return join(outDir, name);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A made-up news host that Chromium resolves to the local test server, so the popup names
 *  a real-looking site rather than 127.0.0.1. */
const HOST = 'www.meridian.example';

// The usual fixture with one more flag (the host mapping); its request check is not needed:
// every request goes to 127.0.0.1 by construction.
const test = base.extend({
  browserContext: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'context-overlays-store-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
      headless: true,
      viewport: SIZE,
      args: [
        `--disable-extensions-except=${extensionPath}`,
        `--load-extension=${extensionPath}`,
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
});

async function openArticle(page: Page, serverUrl: string) {
  await page.setViewportSize(SIZE);
  const url = new URL(serverUrl);
  url.hostname = HOST;
  await page.goto(url.href);
  await waitForMarkCount(page, 7);
}

test.describe('store screenshots', () => {
  test('a background card open on a news article', async ({ page, server }) => {
    await openArticle(page, server.url('store/article.html'));
    const at = await textCenter(page, '#fitrat-para', 'Fasihuddin Fitrat');
    await page.mouse.move(at.x, at.y);
    await expect(page.getByRole('dialog', { name: 'Fasihuddin Fitrat' })).toBeVisible();
    await page.waitForTimeout(300); // let the card's entrance transition finish
    const png = await page.screenshot({ path: outPath('card.png') });
    expect(pngSize(png)).toEqual(SIZE);
  });

  test('the popup summarising the article', async ({ page, server, serviceWorker, extensionId, browserContext }) => {
    await openArticle(page, server.url('store/article.html'));
    const backdrop = await page.screenshot();

    const tabId = await tabIdOf(page, serviceWorker);
    const popup = await browserContext.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await expect(popup.locator('[data-topic]')).toHaveCount(3);
    await expect(popup.locator('.status')).toContainText(HOST);
    const panel = await popup.locator('body').screenshot();
    const panelSize = pngSize(panel);

    // The toolbar popup drawn where the browser shows it: over the page, under the toolbar
    // button at the top right.
    const stage = await browserContext.newPage();
    await stage.setViewportSize(SIZE);
    const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
    await stage.setContent(`
      <body style="margin:0;width:${SIZE.width}px;height:${SIZE.height}px;overflow:hidden;
                   background:url(${dataUrl(backdrop)}) 0 0 / cover">
        <div style="position:absolute;inset:0;background:rgba(15,20,30,.18)"></div>
        <img src="${dataUrl(panel)}" width="${panelSize.width}" height="${panelSize.height}"
             style="position:absolute;top:12px;right:16px;border-radius:8px;
                    box-shadow:0 12px 32px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
      </body>`);
    await stage.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await stage.screenshot({ path: outPath('popup.png') });
    expect(pngSize(png)).toEqual(SIZE);
  });
});
