import type { Request, RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';
import { isMultipart } from './multipart';

/**
 * Where a request's CSRF token is: the _csrf field of a form, or the X-CSRF-Token header. A
 * multipart body is not read before this check (its photos may be megabytes), so an upload
 * form carries the token in its action's query string instead, and only there is it read.
 */
export function csrfTokenOf(req: Request): string | undefined {
  const header = req.headers['x-csrf-token'] as string | undefined;
  if (isMultipart(req)) return typeof req.query._csrf === 'string' ? req.query._csrf : header;
  return (req.body?._csrf as string | undefined) ?? header;
}

// Synchroniser token kept in the session.
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: csrfTokenOf,
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/** Gives views a csrfToken() that creates the session only when a form actually needs it. */
export const csrfTokenForViews: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => generateToken(req);
  next();
};
