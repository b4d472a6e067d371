import type { CardModel } from '../card/model';
import { t } from '../i18n';

export interface CardProps {
  card: CardModel;
  onPointerOnCard(on: boolean): void;
  /** Opens the bundled article at a sentence (or at the top). */
  onOpenArticle(sentence?: string): void;
  /** The reader's URL for a sentence (contract 8), shown as each link's address. */
  articleUrl(sentence?: string): string;
}

/** Draws a card into `root`, or clears it (null): what the content script loads on first use
 *  (src/page/card-ui.ts, src/ui/render-card.tsx). */
export interface CardUi {
  render(root: Element, props: CardProps | null): void;
}

/** The background card for one topic: a non-modal dialog named by its title (contract 4).
 *  Every fact links to the article sentence it comes from. */
export function Card({ card, onPointerOnCard, onOpenArticle, articleUrl }: CardProps) {
  const titleId = `context-overlay-title-${card.topic}`;
  const source = (sentenceId: string, sentence: string) => (
    <a
      class="source"
      href={articleUrl(sentenceId)}
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
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-topic={card.topic}
      onMouseEnter={() => onPointerOnCard(true)}
      onMouseLeave={() => onPointerOnCard(false)}
    >
      <h2 id={titleId} class="title">
        {card.title}
      </h2>
      <p class="description">{card.description}</p>
      <ul class="facts">
        {card.facts.map((fact) => (
          <li key={fact.sentenceId + fact.text} data-sentence={fact.sentenceId}>
            {fact.text} {source(fact.sentenceId, fact.sentence)}
          </li>
        ))}
      </ul>
      {card.quote && (
        <figure class="quote" data-sentence={card.quote.sentenceId}>
          <blockquote>“{card.quote.text}”</blockquote>
          <figcaption>
            — {card.quote.speaker} {source(card.quote.sentenceId, card.quote.text)}
          </figcaption>
        </figure>
      )}
      {card.timeline.length > 0 && (
        <details class="timeline">
          <summary>{t('cardTimeline')}</summary>
          <ol>
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
