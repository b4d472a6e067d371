import { t } from '../i18n';
import type { Article } from '../pack/types';

/** The whole bundled article, each sentence addressable by its id; the cited one is marked. */
export function ArticleReader({ article, cited }: { article: Article; cited: string | null }) {
  const [headline, ...rest] = article.paragraphs;
  const isHeadline = (text: string) => text === article.title || !/[.!?"”]$/.test(text);
  return (
    <article class="reader">
      <p class="kicker">{t('readerKicker')}</p>
      <h1>{article.title}</h1>
      {[headline, ...rest].map((p) =>
        p ? (
          <p
            key={p.id}
            id={p.id}
            class={p.sentences.length === 1 && isHeadline(p.sentences[0]?.text ?? '') ? 'subhead' : undefined}
          >
            {p.sentences.map((s, i) => (
              <>
                {i > 0 && ' '}
                <span
                  key={s.id}
                  id={s.id}
                  tabIndex={-1}
                  class={s.id === cited ? 'sentence cited' : 'sentence'}
                  aria-current={s.id === cited ? 'location' : undefined}
                >
                  {s.text}
                </span>
              </>
            ))}
          </p>
        ) : null,
      )}
      <footer>
        Source text: <code>{article.source}</code>, bundled with the extension. Sentence ids (e.g. <code>p6s1</code>)
        are what the cards cite.
      </footer>
    </article>
  );
}
