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

/**
 * Language from ?lang=, then the cookie, then Accept-Language, default from config.
 * The cookie is written only when a person picks a language, so anonymous pages stay cookie-free.
 */
export function localeMiddleware(localization: Localization, secureCookies: boolean): RequestHandler {
  return (req, res, next) => {
    const locale = localization.detectLocale(req, res);
    if (req.query.lang === locale && req.cookies?.[languageCookie] !== locale) {
      res.cookie(languageCookie, locale, { maxAge: oneYear, httpOnly: true, sameSite: 'lax', secure: secureCookies });
    }
    const t = localization.translatorFor(locale);
    req.locale = locale;
    req.t = t;
    Object.assign(res.locals, {
      locale,
      t,
      formatDate: (value: Date | string) => formatDate(locale, value),
      formatDateTime: (value: Date | string) => formatDateTime(locale, value),
      formatNumber: (value: number) => formatNumber(locale, value),
      linkText: plainTextWithLinks,
      pluralForms: (key: string) => JSON.stringify(localization.pluralForms(locale, key)),
      localized: (texts: Partial<Record<Locale, string>>) => localized(texts, locale),
      supportedLocales,
      languageLinks: languageLinksOf(req.originalUrl, locale),
    });
    res.locals.currentPath = req.originalUrl;
    res.locals.currentUser = null;
    res.set('Content-Language', locale);
    next();
  };
}
