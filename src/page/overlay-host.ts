import type { CardProps, CardUi } from '../ui/Card';
import { HOST_TAG } from './text-blocks';

/**
 * The one node we add to a page: `<context-overlay>` with an open shadow root (contract 4).
 * Created on first use and removed on dispose, so a page where no card was ever opened is
 * left exactly as it was.
 */
export class OverlayHost {
  private host: HTMLElement | null = null;
  private root: HTMLElement | null = null;
  /** What drew the card shown, to clear it. */
  private ui: CardUi | null = null;

  constructor(private readonly css: string) {}

  show(ui: CardUi, card: CardProps): void {
    this.ui = ui;
    ui.render(this.mount(), card);
  }

  hide(): void {
    if (this.root) this.ui?.render(this.root, null);
  }

  /** The element our UI is rendered into, if it exists. */
  get element(): HTMLElement | null {
    return this.host;
  }

  dispose(): void {
    this.hide();
    this.host?.remove();
    this.host = null;
    this.root = null;
  }

  private mount(): HTMLElement {
    if (this.host?.isConnected && this.root) return this.root;
    this.host?.remove();
    const host = document.createElement(HOST_TAG.toLowerCase());
    const shadow = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(this.css);
    shadow.adoptedStyleSheets = [sheet];
    const root = document.createElement('div');
    shadow.append(root);
    // Under <html>, not <body>: frameworks that own <body>'s children never see it.
    document.documentElement.append(host);
    this.host = host;
    this.root = root;
    return root;
  }
}
