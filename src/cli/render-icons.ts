// Renders assets/icon.svg to every PNG size the manifests and stores use, in two states:
// icon-N.png (on) and icon-off-N.png (off for the current site: the brand amber turned grey),
// plus the store's padded icon and promo tile in assets/store/.
// The PNGs are committed; run `npm run icons` after changing the SVG.
// Chromium draws them (Debian's /usr/bin/chromium or CHROMIUM_PATH), so no image library is
// needed; the same browser runs the end-to-end tests.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ICON_SIZES } from '../icons';

const BRAND = '#d97706';
/** Grey for "off": clearly not the brand colour, still visible on light and dark toolbars. */
const OFF = '#8f96a3';

const svg = readFileSync(resolve('assets/icon.svg'), 'utf8');
if (!svg.includes(BRAND)) throw new Error(`assets/icon.svg: expected the brand colour ${BRAND}`);
const variants = { icon: svg, 'icon-off': svg.replaceAll(BRAND, OFF) };

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const [name, source] of Object.entries(variants)) {
    const src = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html style="background:transparent"><body style="margin:0"><img width="${size}" height="${size}" src="${src}"></body></html>`,
      );
      await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
      const path = resolve(`assets/icons/${name}-${size}.png`);
      await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(path);
    }
  }

  // The store's own images: the Chrome Web Store wants its 128 px icon as a 96 px mark with
  // 16 px of transparent padding, and a 440×280 "small promo tile".
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setViewportSize({ width: 128, height: 128 });
  await page.setContent(
    `<html style="background:transparent"><body style="margin:0"><img style="margin:16px" width="96" height="96" src="${src}"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path: resolve('assets/store/icon-128.png'), omitBackground: true });
  await page.setViewportSize({ width: 440, height: 280 });
  await page.setContent(`
    <body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:26px;
                 padding:0 34px;box-sizing:border-box;background:#15202b;color:#fff;
                 font-family:'Liberation Sans',Arial,sans-serif">
      <img width="120" height="120" src="${src}">
      <div>
        <div style="font-size:32px;font-weight:700;line-height:1.1">Context overlays</div>
        <div style="margin-top:10px;font-size:17px;line-height:1.35;color:#f3d9a8">
          The background to the story, right where it is mentioned
        </div>
      </div>
    </body>`);
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  await page.screenshot({ path: resolve('assets/store/promo-small-440x280.png') });
  console.log('assets/store/icon-128.png, assets/store/promo-small-440x280.png');
} finally {
  await browser.close();
}
