import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestHandler } from 'express';
import { AppError } from './errors';
import type { FieldProblem } from './forms';
import { clientNetwork } from './client-network';
import { forgetLoginCounter, isKnownLoginAddress, lockLoginCounters, rememberLoginAddress, setLoginCounter, uncountLoginFailure } from './login-attempts.queries';
import { defaultLoginDelayRules, failuresCounting, waitBeforeAttempt, type LoginDelayRules } from './login-delays.policy';

/** A password may not be tried yet: a delay after earlier wrong ones is still running. */
export class LoginDelayedError extends AppError {
  constructor(readonly retryAfterMs: number) {
    super(429, 'login_delayed', 'errors.tooManyRequests.message');
  }

  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.retryAfterMs / 1000));
  }

  /** "Try again in 40 seconds" or "… in 3 minutes", as a form problem. */
  get problem(): FieldProblem {
    const seconds = this.retryAfterSeconds;
    return seconds < 60 ? { key: 'auth:delay.seconds', values: { count: seconds } } : { key: 'auth:delay.minutes', values: { count: Math.ceil(seconds / 60) } };
  }
}

/** The email as the counters know it: hashed, so the table holds no address. */
export const loginEmailHash = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

export interface PasswordAttemptOptions {
  /** Signs the stored address hashes, so that a leaked table does not list the addresses. */
  secret: string;
  /** The clock of the delays (tests move it instead of waiting). */
  now?: () => number;
  rules?: LoginDelayRules;
}

export type PasswordAttempts = ReturnType<typeof passwordAttempts>;

/**
 * Every check of a password someone types for an account (login, and re-entering it before a
 * password change or a second-factor change) goes through here. Counters are keyed by the
 * email, not the account, so an address without an account is slowed down exactly like one
 * with an account and the delays tell nobody which addresses have accounts.
 */
export function passwordAttempts(db: Knex, options: PasswordAttemptOptions) {
  const rules = options.rules ?? defaultLoginDelayRules;
  const now = options.now ?? Date.now;
  const addressKey = Buffer.from(hkdfSync('sha256', options.secret, 'kopa', 'login-address-hash', 32));
  const addressHashOf = (address: string | undefined) => createHmac('sha256', addressKey).update(clientNetwork(address)).digest('hex');

  /**
   * Runs `verify` unless a delay is owed (LoginDelayedError). The attempt counts as a failure
   * before the password is checked, under a row lock, so that parallel guesses cannot all pass
   * one free slot; a right password takes it back, clears the pair's delay and makes the
   * address one of the account's usual ones.
   */
  async function check<T extends { id: number }>(email: string, address: string | undefined, verify: () => Promise<T | undefined>): Promise<T | undefined> {
    const emailHash = loginEmailHash(email);
    const addressHash = addressHashOf(address);
    const pairKey = `login-pair:${emailHash}:${addressHash}`;
    const accountKey = `login-account:${emailHash}`;
    // From an address where the owner logged in before, the crowd's delay never applies.
    const usual = await isKnownLoginAddress(db, email.trim(), addressHash);
    const at = now();
    const wait = await db.transaction(async (trx) => {
      const counters = await lockLoginCounters(trx, usual ? [pairKey] : [pairKey, accountKey]);
      const pair = counters.get(pairKey)!;
      const account = counters.get(accountKey);
      const owed = Math.max(waitBeforeAttempt(pair, rules.pair, rules, at), account ? waitBeforeAttempt(account, rules.account, rules, at) : 0);
      if (owed > 0) return owed;
      for (const [key, counter] of counters) await setLoginCounter(trx, key, { failures: failuresCounting(counter, rules, at) + 1, lastFailureAt: new Date(at) });
      return 0;
    });
    if (wait > 0) throw new LoginDelayedError(wait);
    const user = await verify();
    if (!user) return undefined;
    await db.transaction(async (trx) => {
      await forgetLoginCounter(trx, pairKey);
      if (!usual) await uncountLoginFailure(trx, accountKey);
      await rememberLoginAddress(trx, user.id, addressHash, new Date(at));
    });
    return user;
  }

  return { check };
}

/** Whether the password typed is the account's current one; throws LoginDelayedError while a delay runs. */
export type CurrentPasswordCheck = (password: string) => Promise<boolean>;

/** What guards a re-entered password besides its form: the per-address limit of logins, and the login delays. */
export interface PasswordReentry {
  perIp: RequestHandler;
  attempts: PasswordAttempts;
}

/** Re-entering the password (before changing it, or the second factor) is a login attempt: same delays, same counters. */
export function currentPasswordCheck(
  reentry: PasswordReentry,
  user: { id: number; email: string },
  address: string | undefined,
  matches: (password: string) => Promise<boolean>,
): CurrentPasswordCheck {
  return async (password) => (await reentry.attempts.check(user.email, address, async () => ((await matches(password)) ? { id: user.id } : undefined))) !== undefined;
}
