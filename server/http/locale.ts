import type { RequestHandler } from 'express';
import { supportedLocales, type Locale } from '../config';
import type { Localization } from '../i18n/i18n';
import { formatDate, formatDateTime, formatNumber, localized } from '../i18n/format';
import { plainTextWithLinks } from './plain-text';

export const languageCookie = 'lang';
const oneYear = 365 * 24 * 60 * 60 * 1000;

function urlWithLanguage(originalUrl: string, locale: Locale): string {
  const url = new URL(originalUrl, 'http://kopa.invalid');
  url.searchParams.set('lang', locale);
  return `${url.pathname}${url.search}`;
}

/** The language switcher's links: the same address in each language. */
export function languageLinksOf(originalUrl: string, current: Locale) {
  return supportedLocales.map((code) => ({ code, href: urlWithLanguage(originalUrl, code), current: code === current }));
}

type LanguageLink = ReturnType<typeof languageLinksOf>[number];

/** Enough for every Accept-Language a city's browsers send; a flood of made-up ones only empties it. */
const maxRemembered = 1000;

/**
 * Language from ?lang=, then the cookie, then Accept-Language, default from config.
 * The cookie is written only when a person picks a language, so anonymous pages stay cookie-free.
 * A cache hit runs this on every request: the detection is remembered per (?lang, cookie,
 * Accept-Language), which is all it reads; the helpers for views are made once per language and
 * the language links (three URL parses) only when a view reads them.
 */
export type LocaleMiddleware = RequestHandler & {
  /** The language already chosen for a request with no ?lang= and no cookie, by its Accept-Language; undefined when not yet met. */
  rememberedFor(acceptLanguage: string | undefined): Locale | undefined;
};

export function localeMiddleware(localization: Localization, secureCookies: boolean): LocaleMiddleware {
  const detected = new Map<string, Locale>();
  const helpers = new Map(
    supportedLocales.map((locale) => [
      locale,
      {
        locale,
        t: localization.translatorFor(locale),
        formatDate: (value: Date | string) => formatDate(locale, value),
        formatDateTime: (value: Date | string) => formatDateTime(locale, value),
        formatNumber: (value: number) => formatNumber(locale, value),
        linkText: plainTextWithLinks,
        pluralForms: (key: string) => JSON.stringify(localization.pluralForms(locale, key)),
        localized: (texts: Partial<Record<Locale, string>>) => localized(texts, locale),
        supportedLocales,
      },
    ]),
  );

  const handler: RequestHandler = (req, res, next) => {
    // Express parses the query string anew on each read of req.query: most addresses have none.
    const asked = req.url.includes('?') ? req.query.lang : undefined;
    const cookie: unknown = req.cookies?.[languageCookie];
    const header = req.headers['accept-language'];
    const rememberable = (asked === undefined || typeof asked === 'string') && (cookie === undefined || typeof cookie === 'string');
    const key = rememberable ? `${asked ?? ''}\u0000${(cookie as string | undefined) ?? ''}\u0000${header ?? ''}` : undefined;
    let locale = key === undefined ? undefined : detected.get(key);
    if (!locale) {
      locale = localization.detectLocale(req, res);
      if (key !== undefined) {
        if (detected.size >= maxRemembered) detected.clear();
        detected.set(key, locale);
      }
    }
    if (asked === locale && cookie !== locale) {
      res.cookie(languageCookie, locale, { maxAge: oneYear, httpOnly: true, sameSite: 'lax', secure: secureCookies });
    }
    const forLocale = helpers.get(locale)!;
    req.locale = locale;
    req.t = forLocale.t;
    Object.assign(res.locals, forLocale);
    let languageLinks: LanguageLink[] | undefined;
    const originalUrl = req.originalUrl;
    const current = locale;
    Object.defineProperty(res.locals, 'languageLinks', {
      get: () => (languageLinks ??= languageLinksOf(originalUrl, current)),
      set: (links: LanguageLink[]) => (languageLinks = links),
      enumerable: true,
      configurable: true,
    });
    res.locals.currentPath = originalUrl;
    res.locals.currentUser = null;
    res.setHeader('Content-Language', locale);
    next();
  };
  return Object.assign(handler, { rememberedFor: (acceptLanguage: string | undefined) => detected.get(`\u0000\u0000${acceptLanguage ?? ''}`) });
}
