import type { Locale } from '../config';

/**
 * What a page tells search engines and link previews (views/partials/head.ejs): its summary, its
 * address without a language (hreflang x-default) and Open Graph's names of our languages.
 * Escaping is the view's: these return plain text.
 */
export const openGraphLocales: Record<Locale, string> = { lv: 'lv_LV', ru: 'ru_RU', en: 'en_GB' };

/** A text on one line, cut at a word near `max` characters with an ellipsis: a meta description. */
export function summaryOf(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  // Cut at the last whole word, unless that would leave less than half.
  const lastSpace = line[max - 1] === ' ' ? max - 1 : cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–—-]+$/, '')}…`;
}

/** A path and query with its ?lang= left out: the address that picks the visitor's own language. */
export function addressWithoutLanguage(href: string): string {
  const url = new URL(href, 'http://kopa.invalid');
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
}

/** A site-relative address (a photo's, a page's) made absolute with the public base URL. */
export const absoluteUrl = (baseUrl: string, href: string) => (/^https?:\/\//.test(href) ? href : `${baseUrl}${href.startsWith('/') ? '' : '/'}${href}`);

export const pageMeta = { openGraphLocales, summaryOf, addressWithoutLanguage, absoluteUrl };
