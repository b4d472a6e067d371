// Whether the page is dark where a mention stands, so its card can be too: a reader of a dark
// page in a light browser got a white card on it (a review's screenshot).

/** True when the first background behind `node` that is not see-through (walking out to the
 *  root) is dark. A page that paints none is the browser's canvas, which the card's own
 *  colour scheme follows already. */
export function onDarkBackground(node: Node | undefined): boolean {
  for (let el = node?.parentElement ?? null; el; el = el.parentElement) {
    const [r = 0, g = 0, b = 0, alpha = 1] = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
    // (Computed colours are rgb() or rgba(); a box tinted a little over its parent is not its background.)
    if (alpha < 0.5) continue;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.35 * 255;
  }
  return false;
}
