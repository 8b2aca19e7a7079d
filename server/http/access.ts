import type { RequestHandler } from 'express';
import { privilegedRoles, type Role } from '../auth/roles';
import { AppError, forbidden } from './errors';
import { wantsJson } from './forms';
import { withNext } from './safe-redirect';

/** The page to come back to, without an upload form's CSRF token (it travels in the query). */
function pageToComeBackTo(url: string): string {
  const parsed = new URL(url, 'http://kopa.invalid');
  parsed.searchParams.delete('_csrf');
  return parsed.pathname + parsed.search;
}

/** Logged-out visitors go to the login page and come back afterwards. */
export const requireLogin: RequestHandler = (req, res, next) => {
  if (req.user) return next();
  if (req.originalUrl.startsWith('/api/')) return next(new AppError(401, 'login_required', 'errors.loginRequired.message'));
  res.redirect(303, withNext('/login', pageToComeBackTo(req.originalUrl)));
};

/**
 * Staff (facilitators, moderators, admins) open no staff page without a second factor: one
 * who has not set up TOTP goes to the setup page, one who has not entered a code in this
 * session goes to the code step. Everything behind requireRole gets this check.
 */
export const requireSecondFactor: RequestHandler = (req, res, next) => {
  if (!req.user || !privilegedRoles.includes(req.user.role)) return next();
  if (req.user.totpEnabled && req.session.secondFactorAt) return next();
  const setup = !req.user.totpEnabled;
  if (req.originalUrl.startsWith('/api/')) {
    return next(new AppError(403, setup ? 'two_factor_setup_required' : 'two_factor_required', 'two-factor:required'));
  }
  res.redirect(303, withNext(setup ? '/account/two-factor/setup' : '/login/two-factor', req.method === 'GET' ? req.originalUrl : '/'));
};

export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, res, next) => {
    if (!req.user) return requireLogin(req, res, next);
    if (!allowed.includes(req.user.role)) return next(forbidden());
    requireSecondFactor(req, res, next);
  };
}

export const accountBlocked = () => new AppError(403, 'account_blocked', 'moderation:blocked.message');

/** Posting, supporting and reporting: logged in, and not blocked by a moderator. */
export const requireActiveAccount: RequestHandler = (req, res, next) => {
  if (!req.user) return requireLogin(req, res, next);
  if (req.user.blockedAt) return next(accountBlocked());
  next();
};

/**
 * Publishing-like actions (comment, support, report) wait until the email is confirmed;
 * the person is told why, and nothing is stored.
 */
export const requireVerifiedEmail: RequestHandler = (req, res, next) => {
  if (!req.user) return requireLogin(req, res, next);
  if (req.user.emailVerified) return next();
  res.status(403);
  if (wantsJson(req) || req.originalUrl.startsWith('/api/')) {
    res.json({ error: { code: 'email_not_verified', message: req.t('verification:required.message') } });
    return;
  }
  res.render('verification/required');
};
