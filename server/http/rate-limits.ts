import type { Knex } from 'knex';
import { rateLimit, type Options } from 'express-rate-limit';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError } from './errors';
import { KnexRateLimitStore } from './rate-limit-store';

const tooManyRequests = () => new AppError(429, 'too_many_requests', 'errors.tooManyRequests.message');

export function limiter(db: Knex, name: string, options: Partial<Options>) {
  return rateLimit({
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: new KnexRateLimitStore(db, name),
    handler: (_req, _res, next) => next(tooManyRequests()),
    ...options,
  });
}

// Keyed by a hash, so the rate-limit table never holds an email address.
export function emailKey(req: Request): string {
  const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase().slice(0, 320) : '';
  return createHash('sha256').update(email).digest('hex');
}

/** The registration form answered "this email has an account": the answer probing is after, which registerTakenPerIp counts. */
export function countAsTakenAnswer(res: Response): void {
  res.locals.registerEmailTaken = true;
}
const answeredTaken = (res: Response) => res.locals.registerEmailTaken === true;

export interface AuthRateLimits {
  loginPerIp: ReturnType<typeof rateLimit>;
  registerPerIp: ReturnType<typeof rateLimit>;
  registerPerEmail: ReturnType<typeof rateLimit>;
  registerTakenPerIp: ReturnType<typeof rateLimit>;
}

export interface AuthLimitCounts {
  loginPerIp: number;
  registerPerIp: number;
  registerPerEmail: number;
  registerTakenPerIp: number;
}

const defaultAuthLimits: AuthLimitCounts = { loginPerIp: 20, registerPerIp: 10, registerPerEmail: 5, registerTakenPerIp: 5 };

/**
 * Failed logins (and re-entered passwords) count per address across accounts; per account the
 * growing delays of auth/password-attempts.ts apply. Registering is limited per address, per
 * email tried, and, what probing for accounts needs most, per address in "email taken" answers.
 */
export function authRateLimits(db: Knex, counts: Partial<AuthLimitCounts> = {}): AuthRateLimits {
  const limits = { ...defaultAuthLimits, ...counts };
  const day = 24 * 60 * 60 * 1000;
  return {
    loginPerIp: limiter(db, 'login-ip', { windowMs: 15 * 60 * 1000, limit: limits.loginPerIp, skipSuccessfulRequests: true }),
    registerPerIp: limiter(db, 'register-ip', { windowMs: 60 * 60 * 1000, limit: limits.registerPerIp }),
    registerPerEmail: limiter(db, 'register-email', { windowMs: day, limit: limits.registerPerEmail, keyGenerator: emailKey }),
    registerTakenPerIp: limiter(db, 'register-taken-ip', {
      windowMs: day,
      limit: limits.registerTakenPerIp,
      // Counted first and taken back unless the answer was "taken": parallel probes cannot pass together.
      skipSuccessfulRequests: true,
      requestWasSuccessful: (_req, res) => !answeredTaken(res),
    }),
  };
}
