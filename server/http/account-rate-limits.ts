import type { Knex } from 'knex';
import type { Request } from 'express';
import { staffRoles } from '../auth/roles';
import { emailKey, limiter } from './rate-limits';

const accountKey = (req: Request) => String(req.user?.id ?? req.session?.pendingLogin?.userId ?? 'none');

export type AccountRateLimits = ReturnType<typeof accountRateLimits>;

/**
 * Idea forms sent per account and hour, counted before any photo is read: each may carry
 * 50 MB of photos to decode. Staff entering ideas for others (from paper, a meeting) send more.
 */
export const ideaSubmissionsPerHour = { resident: 30, staff: 300 };

/** Limits of the trust features: emails that can be asked for, and second-factor guesses. */
export function accountRateLimits(db: Knex) {
  const hour = 60 * 60 * 1000;
  const quarter = 15 * 60 * 1000;
  return {
    verificationResend: limiter(db, 'verify-resend', { windowMs: hour, limit: 3, keyGenerator: accountKey }),
    passwordResetPerIp: limiter(db, 'reset-ip', { windowMs: hour, limit: 20 }),
    passwordResetPerEmail: limiter(db, 'reset-email', { windowMs: hour, limit: 5, keyGenerator: emailKey }),
    // Failed codes only: 5 wrong codes per account in 15 minutes, 20 per address.
    secondFactorPerAccount: limiter(db, 'totp-account', { windowMs: quarter, limit: 5, skipSuccessfulRequests: true, keyGenerator: accountKey }),
    secondFactorPerIp: limiter(db, 'totp-ip', { windowMs: quarter, limit: 20, skipSuccessfulRequests: true }),
    ideaSubmissions: limiter(db, 'idea-submit', {
      windowMs: hour,
      limit: (req) => (req.user && staffRoles.includes(req.user.role) ? ideaSubmissionsPerHour.staff : ideaSubmissionsPerHour.resident),
      keyGenerator: accountKey,
    }),
    accountDeletion: limiter(db, 'erase-account', { windowMs: quarter, limit: 5, skipSuccessfulRequests: true, keyGenerator: accountKey }),
  };
}
