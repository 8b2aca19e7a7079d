import compression from 'compression';
import type { Request, Response } from 'express';
import { carriesCookie, setsCookie } from './cookie-names';

/**
 * Compresses what the routes build for a visitor without a session (the first answer that sets
 * the language cookie, answers the cache does not keep). A page of a session is left as it is:
 * it carries the session's CSRF token, and compressing a secret beside text a visitor can put in
 * the page lets its length give the secret away (BREACH). Anonymous answers from the response
 * cache carry their own compressed variants and pass through untouched ("already encoded").
 * Server-sent events are left alone: compression would hold each event back.
 */
export function compressPages(sessionCookie: string) {
  return compression({
    filter: (req: Request, res: Response) => {
      if (carriesCookie(req.headers.cookie, sessionCookie) || setsCookie(res, sessionCookie)) return false;
      const type = res.getHeader('Content-Type');
      if (typeof type === 'string' && type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
}
