import type { CardModel } from '../card/model';
import type { TopicId } from '../pack/types';
import type { holdsFixedBoxes, placeCard } from '../page/card-position';
import type { scrollBoxesTo } from '../page/clipping';
import type { nextMention, openModal, sameWords } from '../page/next-mention';
import type { startShownCard } from '../page/shown-card';
import { t, uiDirection, uiLanguage } from '../i18n';

/** The article's language: what the card quotes and tells stays in it (src/i18n.ts). */
const CONTENT = { lang: 'en', dir: 'ltr' } as const;

/** Marks the card `data-more-below` while, cut to the room the window leaves, more of it is
 *  below (its footer's shade). A ref, stable across renders: its cleanup runs when the card
 *  goes. (On the element, not in state: a scroll re-renders nothing.) */
function watchMoreBelow(card: HTMLDivElement | null): (() => void) | undefined {
  if (!card) return undefined;
  const look = () => {
    card.toggleAttribute('data-more-below', card.scrollTop + card.clientHeight < card.scrollHeight - 1);
  };
  look();
  // The card's size changes as it is placed (its max-height); its content when the timeline
  // opens (toggle does not bubble: caught on the way down).
  const resizes = new ResizeObserver(look);
  resizes.observe(card);
  card.addEventListener('scroll', look, { passive: true });
  card.addEventListener('toggle', look, true);
  return () => {
    resizes.disconnect();
    card.removeEventListener('scroll', look);
    card.removeEventListener('toggle', look, true);
  };
}

export interface CardProps {
  card: CardModel;
  onPointerOnCard(on: boolean): void;
  /** Opens the bundled article at a sentence (or at the top). */
  onOpenArticle(sentence?: string): void;
  /** The reader's URL for a sentence (contract 8), shown as each link's address. */
  articleUrl(sentence?: string): string;
  /** Drawn in dark colours: the reader's browser prefers them, or the page is dark there. */
  dark?: boolean;
}

/** What the content script asks the card's UI for: a topic's card. The UI builds it from the
 *  topics' card fields and the article sentences it carries (src/ui/render-card.tsx). */
export type CardRequest = Omit<CardProps, 'card'> & { topic: TopicId };

/** Draws a card into `root`, or clears it (null), and keeps it beside its mention: what the
 *  content script loads on first use (src/page/card-ui.ts, src/ui/render-card.tsx). The
 *  keyboard's look at what hides a mention comes with it: only a card needs it. */
export interface CardUi {
  render(root: Element, request: CardRequest | null): void;
  place: typeof placeCard;
  nextMention: typeof nextMention;
  openModal: typeof openModal;
  sameWords: typeof sameWords;
  scrollBoxesTo: typeof scrollBoxesTo;
  holdsFixedBoxes: typeof holdsFixedBoxes;
  /** What shows the card once drawn (our host, placing, focus): the content script keeps
   *  only what decides when a card is wanted. */
  showCards: typeof startShownCard;
}

/** The background card for one topic: a non-modal dialog named by its title (contract 4).
 *  Every fact links to the article sentence it comes from. */
export function Card({ card, onPointerOnCard, onOpenArticle, articleUrl, dark = false }: CardProps) {
  const titleId = `context-overlay-title-${card.topic}`;
  // The card's own words (a link's "source", the timeline's label, the footer) are in the
  // reader's language and its direction; the article's, in English from left to right, even
  // on a right-to-left page (where the card still lines up with the mention's right end).
  const ui = { lang: uiLanguage(), dir: uiDirection() };
  const source = (sentenceId: string, sentence: string) => (
    <a
      class="source"
      href={articleUrl(sentenceId)}
      {...ui}
      title={sentence}
      aria-label={t('cardSourceLabel', sentence)}
      onClick={(event) => {
        event.preventDefault();
        // Only the reader's click opens a tab: the card's shadow root is open (DESIGN.md,
        // contract 4), and a page script could click these links as often as it likes.
        if (event.isTrusted) onOpenArticle(sentenceId);
      }}
    >
      {t('cardSource')}
    </a>
  );
  return (
    <div
      ref={watchMoreBelow}
      class={dark ? 'card dark' : 'card'}
      {...ui}
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-topic={card.topic}
      onMouseEnter={() => onPointerOnCard(true)}
      onMouseLeave={() => onPointerOnCard(false)}
    >
      <h2 id={titleId} class="title" {...CONTENT}>
        {card.title}
      </h2>
      <p class="description" {...CONTENT}>
        {card.description}
      </p>
      <ul class="facts" {...CONTENT}>
        {card.facts.map((fact) => (
          <li key={fact.sentenceId + fact.text} data-sentence={fact.sentenceId}>
            {fact.text} {source(fact.sentenceId, fact.sentence)}
          </li>
        ))}
      </ul>
      {card.quote && (
        <figure class="quote" data-sentence={card.quote.sentenceId} {...CONTENT}>
          <blockquote>“{card.quote.text}”</blockquote>
          <figcaption>
            — {card.quote.speaker} {source(card.quote.sentenceId, card.quote.text)}
          </figcaption>
        </figure>
      )}
      {card.timeline.length > 0 && (
        <details class="timeline">
          <summary>{t('cardTimeline')}</summary>
          <ol {...CONTENT}>
            {card.timeline.map((step) => (
              <li key={step.when} data-sentence={step.sentenceId}>
                <span class="when">{step.when}</span>
                <span>
                  {step.text} {source(step.sentenceId, step.sentence)}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}
      <p class="provenance">
        <a
          href={articleUrl()}
          onClick={(event) => {
            event.preventDefault();
            if (event.isTrusted) onOpenArticle();
          }}
        >
          {t('cardReadArticle')}
        </a>{' '}
        · {t('cardProvenance')}
      </p>
    </div>
  );
}
