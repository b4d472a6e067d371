import type { CardModel } from '../card/model';

interface CardProps {
  card: CardModel;
  onPointerOnCard(on: boolean): void;
}

/** The background card for one topic: a non-modal dialog named by its title (contract 4).
 *  Every fact carries its source sentence, shown on hover and focus of its marker. */
export function Card({ card, onPointerOnCard }: CardProps) {
  const titleId = `context-overlay-title-${card.topic}`;
  return (
    <div
      class="card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
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
            {fact.text}{' '}
            <span class="source" title={`From the article: “${fact.sentence}”`}>
              [{fact.sentenceId}]
            </span>
          </li>
        ))}
      </ul>
      {card.quote && (
        <figure class="quote" data-sentence={card.quote.sentenceId}>
          <blockquote>“{card.quote.text}”</blockquote>
          <figcaption>— {card.quote.speaker}</figcaption>
        </figure>
      )}
      <p class="provenance">Source: the bundled article — {card.articleTitle}</p>
    </div>
  );
}
