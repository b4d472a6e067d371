// Every string a person reads goes through the browser's i18n (assets/public/_locales).
// Topic content stays in the article's language; only the interface is translated.
import type en from '../assets/public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

interface I18nApi {
  getMessage(key: string, substitutions?: string[]): string;
}

function api(): I18nApi | null {
  const g = globalThis as { browser?: { i18n?: I18nApi }; chrome?: { i18n?: I18nApi } };
  return g.browser?.i18n ?? g.chrome?.i18n ?? null;
}

/** The message for `key`, with `$1`… filled from `subs`. Falls back to the key itself, so a
 *  missing message shows up in the UI and in tests instead of an empty string. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  return api()?.getMessage(key, subs.map(String)) || key;
}

/** The language of the messages the browser picked: its own where we have it, English
 *  otherwise. `lang`, number formats and plural rules follow it: the browser's language alone
 *  would put `lang="de"` on English words, or an Arabic browser's right to left on them. */
export function uiLanguage(): string {
  return api()?.getMessage('messagesLanguage') || 'en';
}

/** "1 mention" / "3 mentions", by the UI language's plural rules, with its digits. */
export function countOf(count: number, one: MessageKey, other: MessageKey): string {
  const lang = uiLanguage();
  const form = new Intl.PluralRules(lang).select(count);
  return t(form === 'one' ? one : other, new Intl.NumberFormat(lang).format(count));
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(n);
}

/** Text direction of the messages the browser picked (see uiLanguage). */
export function uiDirection(): 'ltr' | 'rtl' {
  return api()?.getMessage('messagesDirection') === 'rtl' ? 'rtl' : 'ltr';
}
