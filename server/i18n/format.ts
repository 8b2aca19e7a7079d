import type { Locale } from '../config';

export type LocalizedText = Record<Locale, string>;

const intlTag: Record<Locale, string> = { lv: 'lv-LV', ru: 'ru-RU', en: 'en-GB' };

// Intl formatters are costly to build and hold native memory: build each once per language.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, build: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatDate(locale: Locale, value: Date | string): string {
  const formatter = cached(`date:${locale}`, () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'long', timeZone: 'Europe/Riga' }));
  return formatter.format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string): string {
  const formatter = cached(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Riga' }),
  );
  return formatter.format(new Date(value));
}

export function formatNumber(locale: Locale, value: number): string {
  return cached(`number:${locale}`, () => new Intl.NumberFormat(intlTag[locale])).format(value);
}

/** Picks the visitor's language from a {"lv": …, "ru": …, "en": …} text, falling back to any present. */
export function localized(texts: Partial<Record<Locale, string>> | null | undefined, locale: Locale): string {
  if (!texts) return '';
  return texts[locale] ?? texts.lv ?? texts.en ?? texts.ru ?? '';
}
