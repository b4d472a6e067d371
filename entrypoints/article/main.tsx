// The article reader (contract 8): the bundled article, article.html#<sentence id> scrolls to
// and marks that sentence; the page's own text is marked and has hover cards like any page.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { buildMatcher } from '../../src/match/build-matcher';
import { Prefilter, prefilterSource } from '../../src/match/prefilter';
import { articlePath } from '../../src/messages';
import { bundledArticle, bundledPack } from '../../src/pack/bundled';
import { startFrameOverlay } from '../../src/page/frame-overlay';
import { ArticleReader } from '../../src/ui/ArticleReader';
import { cardUi } from '../../src/ui/render-card';
import '../../src/ui/highlights.css';
import '../../src/ui/article.css';

const app = document.getElementById('app')!;
const citedSentence = () => decodeURIComponent(location.hash.slice(1)) || null;
const draw = () => render(<ArticleReader article={bundledArticle} cited={citedSentence()} />, app);
draw();

const showCited = () => {
  draw();
  const id = citedSentence();
  const el = id ? document.getElementById(id) : null;
  el?.scrollIntoView({ block: 'center' });
  el?.focus({ preventScroll: true });
};
addEventListener('hashchange', showCited);
showCited();

startFrameOverlay(
  {
    topics: bundledPack.topics.map((t) => t.id),
    prefilter: new Prefilter(prefilterSource(bundledPack)),
    matcher: () => buildMatcher(bundledPack),
    // This page bundles Preact anyway: the card's UI is here already.
    cardUi: () => Promise.resolve(cardUi),
    onCounts: () => {},
    articleUrl: (sentence) => browser.runtime.getURL(articlePath(sentence)),
    openArticle: (sentence) => {
      // Already here: just move to the sentence.
      history.replaceState(null, '', browser.runtime.getURL(articlePath(sentence)));
      showCited();
    },
  },
  new AbortController().signal,
);
