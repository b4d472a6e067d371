import { countOf, formatNumber, t, uiLanguage } from '../i18n';
import type { PopupView } from '../popup-state';
import { LOCAL_FILES } from '../site-rules';

/** The keyboard's way in, its shortcut one left-to-right piece of the sentence in any
 *  language (Alt+Shift+K, not broken at a line's end nor reordered in a right-to-left one). */
function keyboardHint(keys: string) {
  const [before = '', after = ''] = t('popupKeyboardHint', KEY_SLOT).split(KEY_SLOT);
  return (
    <>
      {before}
      <kbd dir="ltr">{keys}</kbd>
      {after}
    </>
  );
}
const KEY_SLOT = '{key}';

export const siteLabel = (site: string) => (site === LOCAL_FILES ? t('localFiles') : site);

/** The toolbar popup: status, the per-site switch (contract 5) and what the page mentions. */
export function Popup({ view }: { view: PopupView }) {
  return (
    <div class="popup">
      <header class="head">
        <h1>{t('extName')}</h1>
      </header>
      {view.kind === 'loading' && (
        <p class="status" aria-busy="true">
          {t('popupLooking')}
        </p>
      )}
      {view.kind === 'cannot-run' && (
        <div class="status-block">
          <p class="status">{t('popupCannotRun')}</p>
          <p class="hint">{t('popupCannotRunHint')}</p>
        </div>
      )}
      {view.kind === 'reader' && (
        <div class="status-block">
          <p class="status">{t('popupReader')}</p>
          <p class="hint">{t('popupReaderHint')}</p>
        </div>
      )}
      {view.kind === 'page' && <PagePanel view={view} />}
      {view.kind !== 'loading' && (
        <nav class="links">
          <button type="button" class="link" onClick={() => view.actions.openArticle()}>
            {t('popupReadArticle')}
          </button>
          <button type="button" class="link" onClick={() => view.actions.openSettings()}>
            {t('popupSettings')}
          </button>
        </nav>
      )}
    </div>
  );
}

function PagePanel({ view }: { view: Extract<PopupView, { kind: 'page' }> }) {
  const site = siteLabel(view.site);
  const total = view.topics.reduce((sum, topic) => sum + topic.count, 0);
  const status = view.paused ? t('popupPaused') : view.enabled ? t('popupOnFor', site) : t('popupOffFor', site);
  return (
    <>
      <div class="site-row">
        <p class={`status ${view.enabled ? 'on' : 'off'}`}>{status}</p>
        {view.paused ? (
          <button type="button" class="resume" onClick={() => view.actions.resume()}>
            {t('popupResume')}
          </button>
        ) : (
          <input
            id="site-switch"
            class="switch"
            type="checkbox"
            role="switch"
            checked={view.enabled}
            aria-label={t('popupSwitchLabel', site)}
            onChange={(e) => view.actions.setEnabled(e.currentTarget.checked)}
          />
        )}
      </div>
      {view.paused && <p class="hint">{t('popupPausedHint')}</p>}
      {!view.paused && !view.enabled && <p class="hint">{t('popupOffHint', site)}</p>}
      {view.enabled && view.pending && <p class="hint">{t('popupReading')}</p>}
      {view.enabled && !view.pending && view.topics.length === 0 && (
        <p class="empty">{t(view.hidden.length === 0 ? 'popupEmpty' : 'popupEmptyFollowed')}</p>
      )}
      {view.topics.length > 0 && (
        <>
          <p class="summary">
            {t('popupSummary', countOf(total, 'mentionsOne', 'mentionsOther'))}
            {view.nextKey && <> {keyboardHint(view.nextKey)}</>}
          </p>
          <ul class="topics">
            {view.topics.map((topic) => (
              <li key={topic.id} data-topic={topic.id} class="topic">
                <span class="swatch" aria-hidden="true" />
                <span class="topic-text" lang="en" dir="ltr">
                  <span class="topic-title">{topic.title}</span>
                  <span class="gist">{topic.gist}</span>
                </span>
                {/* Read out with its unit: a bare number after the gist says nothing. */}
                <span class="count" aria-hidden="true">
                  {formatNumber(topic.count)}
                </span>
                <span class="visually-hidden">{countOf(topic.count, 'mentionsOne', 'mentionsOther')}</span>
                <button
                  type="button"
                  class="show"
                  aria-label={t('popupShowLabel', topic.title)}
                  onClick={() => view.actions.show(topic.id)}
                >
                  {t('popupShow')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {view.enabled && view.hidden.length > 0 && (
        <p class="hint">
          {t('popupHiddenTopics', new Intl.ListFormat(uiLanguage(), { type: 'unit' }).format(view.hidden))}
        </p>
      )}
    </>
  );
}
