import type { CacheableAnswer } from '../cache/response-cache';

const seoPath = /^\/(?:robots\.txt|sitemap(?:-\d{1,6})?\.xml)$/;

/**
 * robots.txt and the sitemap files, kept like every public answer (any query is ignored) until
 * an idea is published, hidden, deleted or changed (`ideas`) or a consultation is (`reference`).
 */
export function cacheableSeoAnswer(path: string): CacheableAnswer | undefined {
  return seoPath.test(path) ? { url: path, dependsOn: ['ideas', 'reference'], daily: false } : undefined;
}
