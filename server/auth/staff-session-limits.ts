import type { RequestHandler } from 'express';
import { setFlash } from '../http/flash';
import { withNext } from '../http/safe-redirect';
import { isPrivileged, staffIdleLimitMs, staffSessionLimitMs } from './login-session';

// Writing the session on every request would cost a database write per click; a minute of slack is enough.
const touchEveryMs = 60 * 1000;

/**
 * A staff session ends after 30 minutes without a request or 12 hours after login, checked
 * on the server from times kept in the session (the cookie alone proves nothing).
 */
export const staffSessionLimits: RequestHandler = (req, res, next) => {
  if (!req.user || !isPrivileged(req.user)) return next();
  const now = Date.now();
  const loggedInAt = req.session.loggedInAt ?? now;
  const lastSeenAt = req.session.lastSeenAt ?? now;
  if (now - lastSeenAt <= staffIdleLimitMs && now - loggedInAt <= staffSessionLimitMs) {
    req.session.loggedInAt = loggedInAt;
    if (now - lastSeenAt >= touchEveryMs || req.session.lastSeenAt === undefined) req.session.lastSeenAt = now;
    return next();
  }
  req.logout((error) => {
    if (error) return next(error);
    res.locals.currentUser = null;
    setFlash(req, 'error', 'auth:session.expired');
    if (req.originalUrl.startsWith('/api/')) {
      res.status(401).json({ error: { code: 'session_expired', message: req.t('auth:session.expired') } });
      return;
    }
    res.redirect(303, withNext('/login', req.method === 'GET' ? req.originalUrl : '/'));
  });
};
