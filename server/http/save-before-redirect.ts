import type { Request, RequestHandler } from 'express';

/** The session's content as express-session compares it: everything but the cookie. */
function sessionContent(req: Request): string | undefined {
  const session = req.session as object | undefined;
  if (!session) return undefined;
  return JSON.stringify(session, function (key, value: unknown) {
    return this === session && key === 'cookie' ? undefined : value;
  });
}

/**
 * express-session writes a response's headers before the changed session is saved (it holds back
 * only the last byte), so a browser follows a 303 while the save is still on its way. On
 * PostgreSQL the next page could then read the session as it was before (the flash gone, a
 * login's second factor forgotten) and even save that back. A redirect after a change of the
 * session waits for the save; an unchanged or never-stored session is not written.
 */
export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const loadedWithId = req.sessionID;
  const loaded = sessionContent(req);
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const content = sessionContent(req);
    // A new session id (a login, a logout) holding nothing yet needs no row, as express-session judges too.
    const changed = req.session && (req.sessionID === loadedWithId ? content !== loaded : content !== '{}');
    if (!changed) return redirect(...args);
    req.session.save((error) => (error ? next(error) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};
