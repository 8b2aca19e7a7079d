import type { RequestHandler } from 'express';
import type { Role } from '../auth/roles';
import { AppError, forbidden } from './errors';

/** Logged-out visitors go to the login page and come back afterwards. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.originalUrl.startsWith('/api/')) return next(new AppError(401, 'login_required', 'errors.loginRequired.message'));
  res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
};

export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireLogin(req, res, next);
    if (!allowed.includes(req.user.role)) return next(forbidden());
    next();
  };
}

export const accountBlocked = () => new AppError(403, 'account_blocked', 'moderation:blocked.message');

/** Posting, supporting and reporting: logged in, and not blocked by a moderator. */
export const requireActiveAccount: RequestHandler = (req, res, next) => {
  if (!req.user) return requireLogin(req, res, next);
  if (req.user.blockedAt) return next(accountBlocked());
  next();
};
