import type { CardRequest, CardUi } from '../ui/Card';
import { HOST_TAG } from './host-tag';

/**
 * The one node we add to a page: `<context-overlay>` with an open shadow root (contract 4).
 * Created on first use, in the page only while a card shows: a page where no card is open is
 * left exactly as it was.
 */
export class OverlayHost {
  private host: HTMLElement | null = null;
  private root: HTMLElement | null = null;
  /** What drew the card shown, to clear it. */
  private ui: CardUi | null = null;

  constructor(private readonly css: string) {}

  /** Draws `card` in our element, under `parent` (the document's root element, or the open
   *  modal dialog the mention is in). */
  show(ui: CardUi, card: CardRequest, parent: Element = document.documentElement): void {
    this.ui = ui;
    const root = this.mount(parent);
    // A page zoomed with CSS (`zoom` on <html>) zooms what it holds, our card too: it would be
    // drawn at that size and at that multiple of the place worked out for it in the window's
    // pixels. Undone inside our element (a page that zooms its <body> or article leaves us
    // alone); zoom multiplies down the tree.
    const zoom = (parent as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    root.style.zoom = zoom === 1 ? '' : String(1 / zoom);
    ui.render(root, card);
  }

  /** Clears the card and takes our element out of the page until the next card. */
  hide(): void {
    if (this.root) this.ui?.render(this.root, null);
    this.host?.remove();
  }

  /** The element our UI is rendered into, if it exists. */
  get element(): HTMLElement | null {
    return this.host;
  }

  dispose(): void {
    this.hide();
    this.host = null;
    this.root = null;
  }

  private mount(parent: Element): HTMLElement {
    if (this.host && this.root) {
      // Under <html>, not <body>: frameworks that own <body>'s children never see it.
      if (this.host.parentNode !== parent) parent.append(this.host);
      return this.root;
    }
    const host = document.createElement(HOST_TAG);
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(this.css);
    shadow.adoptedStyleSheets = [sheet];
    const root = document.createElement('div');
    shadow.append(root);
    parent.append(host);
    this.host = host;
    this.root = root;
    return root;
  }
}
