// Whether the page is dark where a mention stands, so its card can be too: a reader of a dark
// page in a light browser got a white card on it (a review's screenshot).

/** True when the first background behind `node` that is not see-through (walking out to the
 *  root, through the hosts of shadow roots) is dark. A page that paints none shows the
 *  browser's canvas: the card follows the browser's colour scheme there (shown-card.ts). */
export function onDarkBackground(node: Node | undefined): boolean {
  let el: Element | null = node?.parentElement ?? null;
  while (el) {
    const [r, g, b, alpha] = rgba(getComputedStyle(el).backgroundColor);
    // (A box tinted a little over its parent is not its background.)
    if (alpha >= 128) return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35 * 255;
    el = el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host as Element | undefined) ?? null;
  }
  return false;
}

let pixel: OffscreenCanvasRenderingContext2D | null | undefined;

/** A computed colour as 8-bit sRGB and alpha, whatever its notation: Chrome keeps `oklch()`,
 *  `lab()` or `color(display-p3 …)` as written, so it is painted on a pixel and read back. */
function rgba(color: string): [number, number, number, number] {
  pixel ??= new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true });
  if (!pixel) return [0, 0, 0, 0];
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = color;
  pixel.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = pixel.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a];
}
