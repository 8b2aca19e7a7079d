import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { startRequestLog } from '../http/request-log';
import type { ResponseCache } from './response-cache';

export interface EarlyHitParts {
  cache: ResponseCache;
  /** The request log (left out only by the hit-path bench). */
  logger: Logger | undefined;
  /** The security headers' name, value pairs, as the security middleware sets them. */
  securityHeaders: readonly (readonly [string, string])[];
  /** The language the locale middleware chose before for this Accept-Language (no ?lang=, no cookie). */
  localeFor(acceptLanguage: string | undefined): string | undefined;
}

/**
 * A cache hit answered before Express: Express's own setup of a request and the dozen middleware
 * in front of the response cache were most of a hit's work. It does what they would do for it
 * and nothing else: the request log's id and line, the security headers, the language and its
 * Content-Language, then the cached answer, every header written at once (res.writeHead with a
 * list, no setHeader). Whatever it cannot decide alone goes through the whole stack: a cookie (a
 * session, a chosen language), `lang=` in the address, an address or an Accept-Language not met
 * before, a write of this process still to settle, a variant not made yet.
 * tests/cache/early-hit.test.ts checks that both ways give the same headers.
 */
export function earlyHits({ cache, logger, securityHeaders, localeFor }: EarlyHitParts): (req: IncomingMessage, res: ServerResponse) => boolean {
  const headersOfLocale = new Map<string, string[]>();
  const commonHeaders = (locale: string) => {
    let headers = headersOfLocale.get(locale);
    if (!headers) headersOfLocale.set(locale, (headers = [...securityHeaders.flat(), 'Content-Language', locale]));
    return headers;
  };

  return (req, res) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.cookie !== undefined) return false;
    const url = req.url ?? '';
    if (url.includes('lang=')) return false;
    const locale = localeFor(req.headers['accept-language']);
    if (locale === undefined) return false;
    const found = cache.answerEarly(url, locale, { ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'], head: req.method === 'HEAD' });
    if (!found) return false;
    const headers = logger ? ['X-Request-Id', startRequestLog(logger, req, res)] : [];
    headers.push(...commonHeaders(locale), ...found.headers);
    res.writeHead(found.status, headers);
    res.end(found.body);
    return true;
  };
}
