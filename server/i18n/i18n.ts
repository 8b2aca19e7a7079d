import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LanguageDetector } from 'i18next-http-middleware';
import type { Request, Response } from 'express';
import { supportedLocales, type Locale } from '../config';
import { localesDir } from '../paths';

export type Translate = TFunction;

/** Reads locales/<lang>/<namespace>.json synchronously: one namespace per feature. */
export function readLocaleResources(directory = localesDir) {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const locale of supportedLocales) {
    resources[locale] = {};
    for (const file of fs.readdirSync(path.join(directory, locale)).filter((name) => name.endsWith('.json'))) {
      resources[locale][path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(directory, locale, file), 'utf8'));
    }
  }
  return resources;
}

export interface Localization {
  i18n: i18n;
  detectLocale(req: Request, res: Response): Locale;
  translatorFor(locale: Locale): Translate;
  /** {"one": "{{count}} idea", "other": …}: raw plural forms for browser code, which picks one with Intl.PluralRules. */
  pluralForms(locale: Locale, namespacedKey: string): Record<string, string>;
}

export function createLocalization(defaultLocale: Locale): Localization {
  const resources = readLocaleResources();
  const instance = i18next.createInstance();
  void instance.init({
    resources: resources as never,
    initAsync: false,
    supportedLngs: [...supportedLocales],
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: defaultLocale,
    ns: Object.keys(resources.en),
    defaultNS: 'common',
    // EJS escapes on output; escaping here too would show &amp; to people.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const detectionOrder = ['querystring', 'cookie', 'header'];
  const detector = new LanguageDetector(instance.services, {
    order: detectionOrder,
    lookupQuerystring: 'lang',
    lookupCookie: 'lang',
    caches: false,
  }, { fallbackLng: defaultLocale });
  const pluralFormsCache = new Map<string, Record<string, string>>();
  const translators = new Map(supportedLocales.map((locale) => [locale, rememberingPlainKeys(instance.getFixedT(locale))]));

  return {
    i18n: instance,
    detectLocale(req, res) {
      const detected = String(detector.detect(req, res, detectionOrder) ?? '').slice(0, 2).toLowerCase();
      return (supportedLocales as readonly string[]).includes(detected) ? (detected as Locale) : defaultLocale;
    },
    translatorFor: (locale) => translators.get(locale)!,
    pluralForms(locale, namespacedKey) {
      const cacheKey = `${locale}:${namespacedKey}`;
      const known = pluralFormsCache.get(cacheKey);
      if (known) return known;
      const [namespace, key] = namespacedKey.split(':');
      const forms: Record<string, string> = {};
      for (const category of new Intl.PluralRules(locale).resolvedOptions().pluralCategories) {
        const text = instance.getResource(locale, namespace, `${key}_${category}`);
        if (typeof text === 'string') forms[category] = text;
      }
      pluralFormsCache.set(cacheKey, forms);
      return forms;
    },
  };
}

/** Keys a page translates with no values; the UI's own keys are a few hundred, so this bound is never reached by them. */
const maxPlainKeys = 5000;

/**
 * A translator that remembers the text of a key asked with no values (most of a page's texts):
 * the resources never change while the process runs, and i18next's lookup of a key (namespace,
 * fallbacks, plural and context checks) is a large share of rendering a page.
 */
function rememberingPlainKeys(translate: TFunction): TFunction {
  const call = translate as unknown as (...args: unknown[]) => unknown;
  const plain = new Map<string, unknown>();
  const remembering = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length > 0 || typeof key !== 'string') return call(key, ...rest);
    const known = plain.get(key);
    if (known !== undefined) return known;
    const text = call(key);
    if (plain.size < maxPlainKeys) plain.set(key, text);
    return text;
  };
  return Object.assign(remembering, translate) as unknown as TFunction;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (supportedLocales as readonly string[]).includes(value);
}
