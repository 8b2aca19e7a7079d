import type { Knex } from 'knex';
import { rateLimit, type Options } from 'express-rate-limit';
import type { Request } from 'express';
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

function normalisedEmail(req: Request): string {
  const email = typeof req.body?.email === 'string' ? req.body.email : '';
  return email.trim().toLowerCase().slice(0, 320);
}

export interface AuthRateLimits {
  loginPerIp: ReturnType<typeof rateLimit>;
  loginPerAccount: ReturnType<typeof rateLimit>;
  registerPerIp: ReturnType<typeof rateLimit>;
}

/** Failed logins count per address and per account; successful ones are not held against anyone. */
export function authRateLimits(db: Knex, limits = { loginPerIp: 20, loginPerAccount: 5, registerPerIp: 10 }): AuthRateLimits {
  const windowMs = 15 * 60 * 1000;
  return {
    loginPerIp: limiter(db, 'login-ip', { windowMs, limit: limits.loginPerIp, skipSuccessfulRequests: true }),
    loginPerAccount: limiter(db, 'login-account', {
      windowMs,
      limit: limits.loginPerAccount,
      skipSuccessfulRequests: true,
      keyGenerator: (req) => normalisedEmail(req) || 'no-email',
    }),
    registerPerIp: limiter(db, 'register-ip', { windowMs: 60 * 60 * 1000, limit: limits.registerPerIp }),
  };
}
