import type { Request, Response } from 'express';
import type { SessionUser } from './session-user';
import { privilegedRoles } from './roles';
import { languageCookie } from '../http/locale';
import { withNext } from '../http/safe-redirect';

const languageCookieOptions = { maxAge: 365 * 24 * 60 * 60 * 1000, httpOnly: true, sameSite: 'lax' as const };

/** Staff sessions: 30 minutes without a request, 12 hours in all. */
export const staffIdleLimitMs = 30 * 60 * 1000;
export const staffSessionLimitMs = 12 * 60 * 60 * 1000;
/** A password checked but no code entered: the half-finished login lapses after this. */
export const pendingLoginLimitMs = 5 * 60 * 1000;

export const isPrivileged = (user: Pick<SessionUser, 'role'>) => privilegedRoles.includes(user.role);

/** Logs the person in on a new session id (passport 0.7 regenerates it, against session fixation). */
export async function logIn(req: Request, res: Response, user: SessionUser): Promise<void> {
  await new Promise<void>((resolve, reject) => req.login(user, (error) => (error ? reject(error) : resolve())));
  const now = Date.now();
  req.session.loggedInAt = now;
  req.session.lastSeenAt = now;
  if (isPrivileged(user)) req.session.cookie.maxAge = staffSessionLimitMs;
  res.cookie(languageCookie, user.preferredLocale, { ...languageCookieOptions, secure: req.secure });
}

/** The password was right; a fresh session remembers whose code to ask for, logging nobody in. */
export async function startSecondFactor(req: Request, user: SessionUser, next: string): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
  req.session.pendingLogin = { userId: user.id, next, startedAt: Date.now() };
}

/** Where a login goes on: staff without a second factor set it up first. */
export function pathAfterLogin(user: SessionUser, next: string): string {
  if (isPrivileged(user) && !user.totpEnabled) return withNext('/account/two-factor/setup', next);
  return next;
}
