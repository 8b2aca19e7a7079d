/**
 * Which version of an idea a visitor reads: their language when a translation exists,
 * unless they asked for the original.
 */
export function shownLanguage<T>(visitorLocale: string, originalLocale: string, translations: Partial<Record<string, T>>, wantsOriginal: boolean): string {
  if (wantsOriginal || visitorLocale === originalLocale || !translations[visitorLocale]) return originalLocale;
  return visitorLocale;
}
