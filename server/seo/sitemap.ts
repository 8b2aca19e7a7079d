import { supportedLocales } from '../config';

/** A public page of the sitemap: its path (no query) and, for an idea, its last change. */
export interface SitemapPage {
  path: string;
  lastModified?: Date;
}

/** The sitemaps protocol's limit of addresses per file; past it, /sitemap.xml becomes an index. */
export const sitemapUrlLimit = 50_000;

const xmlEscape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** The page in one language: the same address with ?lang=, as the language switcher links it. */
export const pageInLanguage = (baseUrl: string, path: string, locale: string) => `${baseUrl}${path}?lang=${locale}`;

/** One <url> per page and language, each naming all three languages and the default (the address without ?lang=). */
function urlEntries(baseUrl: string, page: SitemapPage): string[] {
  const alternates = [
    ...supportedLocales.map((code) => `<xhtml:link rel="alternate" hreflang="${code}" href="${xmlEscape(pageInLanguage(baseUrl, page.path, code))}"/>`),
    `<xhtml:link rel="alternate" hreflang="x-default" href="${xmlEscape(baseUrl + page.path)}"/>`,
  ].join('');
  const lastModified = page.lastModified ? `<lastmod>${page.lastModified.toISOString()}</lastmod>` : '';
  return supportedLocales.map((code) => `<url><loc>${xmlEscape(pageInLanguage(baseUrl, page.path, code))}</loc>${lastModified}${alternates}</url>`);
}

const urlsetOpen =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n';

/**
 * The sitemap files: one urlset while the addresses fit `limit`, else an index (`/sitemap.xml`)
 * of numbered parts (`/sitemap-1.xml` …). A page's three languages stay in the same part.
 */
export function sitemapDocuments(baseUrl: string, pages: readonly SitemapPage[], limit = sitemapUrlLimit): { index?: string; parts: string[] } {
  const pagesPerPart = Math.max(1, Math.floor(limit / supportedLocales.length));
  const parts: string[] = [];
  for (let start = 0; start < pages.length || parts.length === 0; start += pagesPerPart) {
    const entries = pages.slice(start, start + pagesPerPart).flatMap((page) => urlEntries(baseUrl, page));
    parts.push(`${urlsetOpen}${entries.join('\n')}\n</urlset>\n`);
  }
  if (parts.length === 1) return { parts };
  const index =
    '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    parts.map((_part, number) => `<sitemap><loc>${xmlEscape(`${baseUrl}/sitemap-${number + 1}.xml`)}</loc></sitemap>`).join('\n') +
    '\n</sitemapindex>\n';
  return { index, parts };
}

/** Staff, account, API and workshop pages are not for search engines (`/w` covers /w/<code> and /workshops); the rest is. */
export function robotsTxt(baseUrl: string): string {
  const closed = ['/admin', '/account', '/me', '/api/', '/w', '/unsubscribe'];
  return ['User-agent: *', 'Allow: /', ...closed.map((path) => `Disallow: ${path}`), '', `Sitemap: ${baseUrl}/sitemap.xml`, ''].join('\n');
}
