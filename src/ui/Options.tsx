import { useEffect, useRef, useState } from 'preact/hooks';
import { formatNumber, t, type MessageKey } from '../i18n';
import type { TopicId } from '../pack/types';
import {
  HOVER_DELAY_RANGE,
  looksLikeSite,
  normalizeHost,
  parseSettings,
  wantsSubdomains,
  type HighlightStyle,
  type Settings,
  type SiteRule,
} from '../settings-schema';
import { siteLabel } from './Popup';

interface OptionsProps {
  settings: Settings;
  topics: readonly { id: TopicId; title: string }[];
  /** Saves a change made to the settings as stored then (not as last drawn: two changes in a
   *  row must not undo each other). */
  update(change: (settings: Settings) => Settings): Promise<unknown>;
}

const STYLES: [HighlightStyle, MessageKey][] = [
  ['both', 'styleBoth'],
  ['underline', 'styleUnderline'],
  ['tint', 'styleTint'],
];

/** The settings page (contract 9). Every change is saved at once and applies in open tabs. */
export function Options({ settings, topics, update }: OptionsProps) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [delayInvalid, setDelayInvalid] = useState(false);
  /** After a row's Remove, where the focus goes once the row is gone: the next row's Remove
   *  (the previous one's after the last row), or the field to add a site (none left). */
  const focusAfterRemove = useRef<string | null | undefined>(undefined);
  const sitesTable = useRef<HTMLElement>(null);
  useEffect(() => {
    const host = focusAfterRemove.current;
    if (host === undefined) return;
    focusAfterRemove.current = undefined;
    const root = sitesTable.current;
    const target =
      host === null
        ? root?.querySelector<HTMLElement>('.add-site input[type="text"]')
        : root?.querySelector<HTMLElement>(`tr[data-site="${CSS.escape(host)}"] button`);
    target?.focus();
  }, [settings.sites]);
  /** A change, or one made from the settings as stored when it is written. */
  const change = (next: Partial<Settings> | ((settings: Settings) => Partial<Settings>)) =>
    void update((current) => ({ ...current, ...(typeof next === 'function' ? next(current) : next) }));
  const setRule = (host: string, rule: Partial<SiteRule> | null) =>
    change((s) => ({
      sites: s.sites.flatMap((r) => (r.host !== host ? [r] : rule ? [{ ...r, ...rule }] : [])),
    }));

  return (
    <div class="options">
      <h1>{t('optionsTitle')}</h1>

      <section aria-labelledby="sites-heading" ref={sitesTable}>
        <h2 id="sites-heading">{t('optionsSites')}</h2>
        <fieldset class="mode">
          <legend class="visually-hidden">{t('optionsMode')}</legend>
          {(['everywhere', 'listed-only'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="mode"
                value={mode}
                checked={settings.mode === mode}
                onChange={() => change({ mode })}
              />{' '}
              {t(mode === 'everywhere' ? 'optionsModeEverywhere' : 'optionsModeListed')}
            </label>
          ))}
        </fieldset>
        <label class="pause">
          <input
            type="checkbox"
            checked={settings.paused}
            onChange={(e) => change({ paused: e.currentTarget.checked })}
          />{' '}
          {t('optionsPause')}
        </label>

        {settings.sites.length === 0 ? (
          <p class="hint">{t('optionsNoSites')}</p>
        ) : (
          <table class="sites">
            <thead>
              <tr>
                <th scope="col">{t('optionsSiteHost')}</th>
                <th scope="col">{t('optionsSiteEnabled')}</th>
                <th scope="col">{t('optionsSiteSubdomains')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('optionsRemove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {settings.sites.map((rule) => (
                <tr key={rule.host} data-site={rule.host}>
                  <th scope="row">
                    {/* Isolated left to right, placed where the page's direction puts a cell's text. */}
                    <bdi dir="ltr">{breakableAtDots(siteLabel(rule.host))}</bdi>
                  </th>
                  <td>
                    <input
                      type="checkbox"
                      role="switch"
                      checked={rule.enabled}
                      aria-label={t('optionsSiteEnabledOn', siteLabel(rule.host))}
                      onChange={(e) => setRule(rule.host, { enabled: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={rule.includeSubdomains}
                      disabled={rule.host === 'file://'}
                      aria-label={t('optionsSiteSubdomainsOf', siteLabel(rule.host))}
                      onChange={(e) => setRule(rule.host, { includeSubdomains: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('optionsRemoveSite', siteLabel(rule.host))}
                      onClick={() => {
                        const i = settings.sites.indexOf(rule);
                        focusAfterRemove.current = (settings.sites[i + 1] ?? settings.sites[i - 1])?.host ?? null;
                        setRule(rule.host, null);
                      }}
                    >
                      {t('optionsRemove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <AddSite
          settings={settings}
          onAdd={(rule) => change((s) => ({ sites: [...s.sites.filter((r) => r.host !== rule.host), rule] }))}
        />
      </section>

      <section aria-labelledby="look-heading">
        <h2 id="look-heading">{t('optionsLook')}</h2>
        <label class="field">
          <span>{t('optionsHighlightStyle')}</span>
          <select
            value={settings.highlightStyle}
            onChange={(e) => change({ highlightStyle: e.currentTarget.value as HighlightStyle })}
          >
            {STYLES.map(([style, key]) => (
              <option key={style} value={style}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('optionsHoverDelay')}</span>
          <input
            type="number"
            min={HOVER_DELAY_RANGE.min}
            max={HOVER_DELAY_RANGE.max}
            step={50}
            // Not held to the stored value at every drawing: the page is drawn again whenever
            // storage echoes a change, and that wiped what the reader was typing here. A new
            // stored value (saved from here, or imported) starts the field afresh.
            key={settings.hoverDelayMs}
            defaultValue={String(settings.hoverDelayMs)}
            aria-invalid={delayInvalid}
            aria-describedby={delayInvalid ? 'hover-delay-error' : undefined}
            onChange={(e) => {
              const ms = Number(e.currentTarget.value);
              const valid = e.currentTarget.value !== '' && ms >= HOVER_DELAY_RANGE.min && ms <= HOVER_DELAY_RANGE.max;
              setDelayInvalid(!valid);
              if (valid) change({ hoverDelayMs: Math.round(ms) });
            }}
          />
        </label>
        {delayInvalid && (
          <p id="hover-delay-error" class="message error" role="alert">
            {t('optionsHoverDelayRange', formatNumber(HOVER_DELAY_RANGE.min), formatNumber(HOVER_DELAY_RANGE.max))}
          </p>
        )}
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading">{t('optionsTopics')}</h2>
        {topics.map((topic) => (
          <label key={topic.id} class="topic" data-topic={topic.id}>
            <input
              type="checkbox"
              checked={!settings.hiddenTopics.includes(topic.id)}
              onChange={(e) => {
                const shown = e.currentTarget.checked;
                change((s) => ({
                  hiddenTopics: shown
                    ? s.hiddenTopics.filter((id) => id !== topic.id)
                    : [...s.hiddenTopics.filter((id) => id !== topic.id), topic.id],
                }));
              }}
            />{' '}
            <span lang="en" dir="ltr">
              {topic.title}
            </span>
          </label>
        ))}
      </section>

      <section aria-labelledby="backup-heading">
        <h2 id="backup-heading">{t('optionsBackup')}</h2>
        <div class="backup">
          <button type="button" onClick={() => exportSettings(settings)}>
            {t('optionsExport')}
          </button>
          <label class="button">
            {t('optionsImport')}
            <input
              type="file"
              accept="application/json,.json"
              class="visually-hidden"
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (!file) return;
                const result = await importSettings(file);
                if (result.ok) await update(() => result.settings);
                setMessage(
                  result.ok
                    ? { text: t('optionsImported'), error: false }
                    : { text: t('optionsImportFailed', result.error), error: true },
                );
              }}
            />
          </label>
        </div>
        {message && (
          <p class={message.error ? 'message error' : 'message'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </section>
    </div>
  );
}

/** A host name that a narrow window wraps after its dots (news.example. / com), not at any
 *  letter. */
function breakableAtDots(host: string) {
  return host.split('.').map((label, i, all) => (i < all.length - 1 ? [label, '.', <wbr key={i} />] : label));
}

function AddSite({ settings, onAdd }: { settings: Settings; onAdd(rule: SiteRule): void }) {
  const [input, setInput] = useState('');
  const [subdomains, setSubdomains] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="add-site"
      onSubmit={(e) => {
        e.preventDefault();
        const host = normalizeHost(input);
        if (!host || !looksLikeSite(host)) return setError(t('optionsBadHost', input));
        // A new rule says the opposite of the mode: that is why one adds it.
        onAdd({
          host,
          includeSubdomains: subdomains || wantsSubdomains(input),
          enabled: settings.mode === 'listed-only',
        });
        setInput('');
        setError(null);
      }}
    >
      <label>
        <span>{t('optionsAddSite')}</span>
        <input
          type="text"
          dir="ltr"
          value={input}
          placeholder={t('optionsAddSitePlaceholder')}
          aria-invalid={error !== null}
          aria-describedby={error ? 'add-site-error' : undefined}
          onInput={(e) => {
            setInput(e.currentTarget.value);
            setError(null); // what it said was about the text as it was
          }}
        />
      </label>
      <label>
        <input type="checkbox" checked={subdomains} onChange={(e) => setSubdomains(e.currentTarget.checked)} />{' '}
        {t('optionsSiteSubdomains')}
      </label>
      <button type="submit">{t('optionsAdd')}</button>
      {error && (
        <p id="add-site-error" class="message error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function exportSettings(settings: Settings): void {
  const blob = new Blob([JSON.stringify({ format: 'context-overlays-settings', version: 2, settings }, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'context-overlays-settings.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function importSettings(file: File): Promise<ReturnType<typeof parseSettings>> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    return { ok: false, error: t('optionsNotJson') };
  }
  return parseSettings(json);
}
