// @vitest-environment happy-dom
// The card controller while the card's UI is still on its way (it is its own file, loaded on
// first use; a keyboard step waits for it): what the reader asked for last is drawn, and only
// a card asked for from the keyboard takes focus. Hit-testing and placement need layout, which happy-dom has not: the
// mention under the pointer is given, and cards are not placed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCardController } from '../../src/page/card-controller';
import { MentionIndex } from '../../src/page/mention-index';
import type { PageMention } from '../../src/page/page-mention';
import type { CardUi } from '../../src/ui/Card';
import { nextMention } from '../../src/page/next-mention';
import { startShownCard } from '../../src/page/shown-card';

const under = vi.hoisted(() => ({ mention: null as PageMention | null }));
vi.mock('../../src/page/hit-test', () => ({
  mentionAtPoint: () => under.mention,
  liveRange: () => ({
    getBoundingClientRect: () => ({ top: 10, bottom: 20 }),
    getClientRects: () => [{ top: 10, bottom: 20 }],
  }),
}));

/** A card UI that arrives when the test says, and draws a dialog naming its topic. */
function lateUi() {
  let arrive!: (ui: CardUi) => void;
  const drawn: string[] = [];
  const ui: CardUi = {
    place: () => () => {},
    nextMention,
    openModal: () => null,
    sameWords: () => null,
    scrollBoxesTo: () => {},
    holdsFixedBoxes: () => false,
    showCards: startShownCard,
    render(root, props) {
      root.replaceChildren();
      if (!props) return;
      drawn.push(props.topic);
      const dialog = document.createElement('div');
      dialog.setAttribute('role', 'dialog');
      dialog.tabIndex = -1;
      dialog.dataset.topic = props.topic;
      root.append(dialog);
    },
  };
  const coming = new Promise<CardUi>((resolve) => (arrive = resolve));
  return { load: () => coming, arrive: () => arrive(ui), drawn };
}

function mentionOf(topic: 'bagram' | 'fitrat', text: string): PageMention {
  const p = document.createElement('p');
  p.textContent = text;
  document.body.append(p);
  const node = p.firstChild as Text;
  const range = { startContainer: node, startOffset: 0, endContainer: node, endOffset: text.length };
  return {
    topic,
    alias: text,
    text,
    range: range as unknown as StaticRange,
    nodes: [node],
    accepted: true,
    requires: [],
  };
}

const flush = () => new Promise((done) => setTimeout(done, 30));
const shownTopic = () =>
  document.querySelector('context-overlay')?.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]')?.dataset.topic;

describe('cards whose UI comes late', () => {
  let abort: AbortController;
  let index: MentionIndex;
  let bagram: PageMention;
  let fitrat: PageMention;
  let input: HTMLInputElement;
  let ui: ReturnType<typeof lateUi>;

  beforeEach(() => {
    document.body.replaceChildren();
    input = document.createElement('input');
    document.body.append(input);
    bagram = mentionOf('bagram', 'Bagram');
    fitrat = mentionOf('fitrat', 'Fitrat');
    index = new MentionIndex();
    index.add(bagram);
    index.add(fitrat);
    abort = new AbortController();
    ui = lateUi();
  });
  afterEach(() => abort.abort());

  const start = () =>
    startCardController(
      {
        index,
        delays: { showMs: 5, hideMs: 5 },
        openArticle: () => {},
        articleUrl: () => 'about:blank',
        cardUi: ui.load,
      },
      abort.signal,
    );

  const pointAt = async (mention: PageMention) => {
    under.mention = mention;
    document.dispatchEvent(asReaders(new MouseEvent('mousemove', { clientX: 1, clientY: 1 })));
    await flush();
  };

  it('a card the pointer opens while a keyboard-opened one waits for its UI does not take focus', async () => {
    input.focus();
    const controller = start();
    const step = controller.stepNext('bagram', 'first');
    await pointAt(fitrat);
    ui.arrive();
    await flush();
    expect(await step).toBe('shown');
    // The pointer's card, drawn once, and the reader's caret still in the field.
    expect(ui.drawn).toEqual(['fitrat']);
    expect(shownTopic()).toBe('fitrat');
    expect(document.activeElement).toBe(input);
  });

  it('a card whose words a live page redraws while its UI loads opens on them where they stand now', async () => {
    const controller = start();
    await pointAt(bagram); // the hover delay runs out: the card is wanted, its UI not here yet
    // The page puts the same words in new nodes, under the still pointer.
    const redrawn = mentionOf('bagram', 'Bagram');
    index.delete(bagram);
    index.add(redrawn);
    under.mention = redrawn;
    controller.closeIfGone();
    ui.arrive();
    await flush();
    expect(ui.drawn).toEqual(['bagram']);
    expect(shownTopic()).toBe('bagram');
  });

  it('a card asked for twice from the keyboard before its UI comes is drawn once, with focus', async () => {
    input.focus();
    const controller = start();
    const first = controller.stepNext('bagram', 'first');
    document.dispatchEvent(asReaders(new KeyboardEvent('keydown', { key: 'Escape' })));
    const second = controller.stepNext('bagram', 'first');
    ui.arrive();
    await flush();
    expect([await first, await second]).toEqual(['shown', 'shown']);
    expect(ui.drawn).toEqual(['bagram']);
    expect((document.activeElement as HTMLElement | null)?.tagName).toBe('CONTEXT-OVERLAY');
  });

  it('a card asked for from the keyboard takes focus once its UI has come', async () => {
    input.focus();
    const controller = start();
    const step = controller.stepNext('fitrat', 'first');
    await flush();
    expect(shownTopic()).toBeUndefined();
    ui.arrive();
    await flush();
    expect(await step).toBe('shown');
    expect(shownTopic()).toBe('fitrat');
    expect((document.activeElement as HTMLElement | null)?.tagName).toBe('CONTEXT-OVERLAY');
  });

  it('a keyboard step gives up on a UI that takes too long (the background has moved on), and draws nothing later', async () => {
    input.focus();
    const controller = start();
    expect(await controller.stepNext('bagram', 'first')).toBe('none');
    ui.arrive();
    await flush();
    expect(ui.drawn).toEqual([]);
    expect(document.activeElement).toBe(input);
  });

  it('a keyboard step whose UI cannot load shows nothing and says so', async () => {
    input.focus();
    const controller = startCardController(
      {
        index,
        openArticle: () => {},
        articleUrl: () => 'about:blank',
        cardUi: () => Promise.reject(new Error('blocked')),
      },
      abort.signal,
    );
    expect(await controller.stepNext('bagram', 'first')).toBe('none');
    expect(shownTopic()).toBeUndefined();
    expect(document.activeElement).toBe(input);
  });

  it('a card UI that loads but cannot start (another build’s file) shows nothing; Escape stays the page’s', async () => {
    input.focus();
    const broken = lateUi();
    const controller = startCardController(
      {
        index,
        delays: { showMs: 5, hideMs: 5 },
        openArticle: () => {},
        articleUrl: () => 'about:blank',
        cardUi: () => {
          broken.arrive();
          return broken.load().then((loaded) => ({
            ...loaded,
            showCards: () => {
              throw new Error('not this build');
            },
          }));
        },
      },
      abort.signal,
    );
    await pointAt(bagram);
    await flush();
    expect(shownTopic()).toBeUndefined();
    const escape = asReaders(new KeyboardEvent('keydown', { key: 'Escape', cancelable: true }));
    window.dispatchEvent(escape);
    expect(escape.defaultPrevented).toBe(false);
    expect(await controller.stepNext('bagram', 'first')).toBe('none');
    expect(document.activeElement).toBe(input);
  });
});

/** An event as the reader's own input makes it: the controller ignores those a page script
 *  dispatches (happy-dom has no isTrusted). */
function asReaders<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
