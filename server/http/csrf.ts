import type { RequestHandler } from 'express';
import { csrfSync } from 'csrf-sync';

// Synchroniser token kept in the session; forms send it as the _csrf field.
const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
  errorConfig: { statusCode: 403, message: 'invalid csrf token', code: 'EBADCSRFTOKEN' },
});

export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/** Gives views a csrfToken() that creates the session only when a form actually needs it. */
export const csrfTokenForViews: RequestHandler = (req, res, next) => {
  res.locals.csrfToken = () => generateToken(req);
  next();
};
