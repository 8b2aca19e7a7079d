import type { Locale } from '../config';

export type LocalizedText = Record<Locale, string>;

const intlTag: Record<Locale, string> = { lv: 'lv-LV', ru: 'ru-RU', en: 'en-GB' };

export function formatDate(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'long', timeZone: 'Europe/Riga' }).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(intlTag[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Riga' }).format(
    new Date(value),
  );
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(intlTag[locale]).format(value);
}

/** Picks the visitor's language from a {"lv": …, "ru": …, "en": …} text, falling back to any present. */
export function localized(texts: Partial<Record<Locale, string>> | null | undefined, locale: Locale): string {
  if (!texts) return '';
  return texts[locale] ?? texts.lv ?? texts.en ?? texts.ru ?? '';
}
