import type { PopupView } from '../popup-state';
import { LOCAL_FILES } from '../site-rules';

const siteLabel = (site: string) => (site === LOCAL_FILES ? 'local files' : site);
const mentions = (n: number) => `${n} ${n === 1 ? 'mention' : 'mentions'}`;

/** The toolbar popup: status, the per-site switch (contract 5) and what the page mentions. */
export function Popup({ view }: { view: PopupView }) {
  return (
    <div class="popup">
      <header class="head">
        <h1>Context overlays</h1>
      </header>
      {view.kind === 'loading' && (
        <p class="status" aria-busy="true">
          Looking at this page…
        </p>
      )}
      {view.kind === 'cannot-run' && (
        <div class="status-block">
          <p class="status">Can’t run on this page</p>
          <p class="hint">
            Browser pages, the web stores and the built-in PDF viewer are closed to extensions. If this is a web page
            that was open before the extension was installed, reload it.
          </p>
        </div>
      )}
      {view.kind === 'page' && <PagePanel view={view} />}
    </div>
  );
}

function PagePanel({ view }: { view: Extract<PopupView, { kind: 'page' }> }) {
  const site = siteLabel(view.site);
  const total = view.topics.reduce((sum, t) => sum + t.count, 0);
  return (
    <>
      <div class="site-row">
        <div>
          <p class={`status ${view.enabled ? 'on' : 'off'}`}>
            {view.enabled ? 'On' : 'Off'} for <strong>{site}</strong>
          </p>
        </div>
        <input
          id="site-switch"
          class="switch"
          type="checkbox"
          role="switch"
          checked={view.enabled}
          aria-label={`Mark topics on ${site}`}
          onChange={(e) => view.setEnabled(e.currentTarget.checked)}
        />
      </div>
      {!view.enabled && <p class="hint">Switched off for {site}: nothing on its pages is marked or read.</p>}
      {view.enabled && view.pending && <p class="hint">Reading the page…</p>}
      {view.enabled && !view.pending && view.topics.length === 0 && (
        <p class="empty">Nothing on this page mentions Bagram, Fasihuddin Fitrat or the 2020 US–Taliban agreement.</p>
      )}
      {view.topics.length > 0 && (
        <>
          <p class="summary">{mentions(total)} on this page. Hover a mark to see its background card.</p>
          <ul class="topics">
            {view.topics.map((t) => (
              <li key={t.id} data-topic={t.id} class="topic">
                <span class="swatch" aria-hidden="true" />
                <span class="topic-text">
                  <span class="topic-title">{t.title}</span>
                  <span class="gist">{t.gist}</span>
                </span>
                <span class="count" aria-label={mentions(t.count)}>
                  {t.count}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
