import fs from 'node:fs';
import path from 'node:path';
import { readLocaleResources } from '../../server/i18n/i18n';
import { projectRoot } from '../../server/paths';
import { supportedLocales } from '../../server/config';

const resources = readLocaleResources();
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

const keysOf = (locale: string) =>
  new Set(Object.entries(resources[locale]).flatMap(([namespace, tree]) => flatten(tree).map((key) => `${namespace}:${key}`)));

/** Keys without their plural suffix, as code refers to them. */
const baseKeysOf = (locale: string) => new Set([...keysOf(locale)].map((key) => key.replace(pluralSuffix, '')));

describe('locales', () => {
  it.each(supportedLocales.flatMap((a) => supportedLocales.filter((b) => b !== a).map((b) => [a, b])))(
    'every key in %s exists in %s',
    (from, to) => {
      const missing = [...baseKeysOf(from)].filter((key) => !baseKeysOf(to).has(key));
      expect(missing).toEqual([]);
    },
  );

  it.each(supportedLocales)('plural keys in %s have exactly the forms the language needs', (locale) => {
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.slice().sort();
    const forms = new Map<string, string[]>();
    for (const key of keysOf(locale)) {
      const match = pluralSuffix.exec(key);
      if (!match) continue;
      const base = key.replace(pluralSuffix, '');
      forms.set(base, [...(forms.get(base) ?? []), match[1]]);
    }
    for (const [base, present] of forms) {
      expect({ key: base, forms: present.sort() }).toEqual({ key: base, forms: needed });
    }
  });

  it('Russian has one, few and many; Latvian has zero, one and other', () => {
    expect(new Intl.PluralRules('ru').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['one', 'few', 'many']));
    expect(new Intl.PluralRules('lv').resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(['zero', 'one', 'other']));
  });

  it('every key used in views and server code exists in every locale', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|ejs)$/.test(entry.name)) files.push(full);
      }
    };
    walk(path.join(projectRoot, 'server'));
    walk(path.join(projectRoot, 'views'));
    // t('ns:key'), t("key"), and message keys such as 'auth:validation.x' or 'errors.x.message'.
    const usage = /\bt\(\s*['"]([\w.:-]+)['"]|['"]((?:[a-z]+:)[a-zA-Z]+(?:\.[\w-]+)+|errors\.[a-zA-Z]+\.message)['"]/g;
    const unknown: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      for (const match of source.matchAll(usage)) {
        const raw = match[1] ?? match[2];
        if (raw.endsWith('.')) continue; // a prefix completed at run time, e.g. 'errors.title.' + status
        const key = raw.includes(':') ? raw : `common:${raw}`;
        for (const locale of supportedLocales) {
          if (!baseKeysOf(locale).has(key)) unknown.push(`${path.relative(projectRoot, file)}: ${key} (${locale})`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });
});
