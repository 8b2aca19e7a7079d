import type { Knex } from 'knex';
import { hashPassword } from './password';
import { FormError } from '../http/forms';
import { checkAccountToken, consumeAccountToken, type TokenCheck } from '../verification/account-tokens';
import { enqueuePasswordResetEmail } from './reset-email';
import { releaseDraftsOf } from '../ideas/ideas.queries';
import { endSessionsOf } from '../auth/sessions.queries';
import { accountRecipient, markEmailVerified, setPasswordHash } from '../auth/auth.queries';
import { deleteLoginCountersOfEmail } from '../http/login-attempts.queries';
import { loginEmailHash } from '../http/password-attempts';
import { liveUserIdByEmail } from './passwords.queries';
import type { CurrentPasswordCheck } from '../http/password-attempts';

/**
 * Asks for a reset link. Known or unknown, the request does the same small work (one
 * lookup, at most one insert) and the email leaves later from the jobs table, so neither the
 * answer nor its timing tells whether the address has an account.
 */
export async function requestPasswordReset(db: Knex, email: string): Promise<void> {
  await db.transaction(async (trx) => {
    const userId = await liveUserIdByEmail(trx, email);
    if (userId !== undefined) await enqueuePasswordResetEmail(trx, userId);
  });
}

export async function resetLinkStatus(db: Knex, secret: string, token: unknown): Promise<TokenCheck['status']> {
  return (await checkAccountToken(db, secret, 'reset_password', token)).status;
}

/**
 * Sets a new password with a reset link, once. Every session of the account ends (whoever
 * is logged in elsewhere is out), and the address counts as verified: the link came to it.
 * Wrong-password delays end too: guesses at the old password no longer matter, and the owner
 * may be logging in from an address that is not a usual one.
 */
export async function resetPassword(db: Knex, secret: string, token: string, password: string): Promise<TokenCheck['status']> {
  const status = await resetLinkStatus(db, secret, token);
  if (status !== 'valid') return status;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (trx) => {
    const check = await consumeAccountToken(trx, secret, 'reset_password', token);
    if (check.status !== 'valid') return check.status;
    await setPasswordHash(trx, check.userId, passwordHash);
    const account = await accountRecipient(trx, check.userId);
    if (account) await deleteLoginCountersOfEmail(trx, loginEmailHash(account.email));
    if (await markEmailVerified(trx, check.userId)) await releaseDraftsOf(trx, check.userId);
    await endSessionsOf(trx, check.userId);
    return 'valid';
  });
}

/** Changes the password after checking the current one (a login attempt); every other session of the account ends. */
export async function changePassword(
  db: Knex,
  userId: number,
  change: { currentPassword: string; newPassword: string },
  currentSessionId: string,
  currentPasswordIs: CurrentPasswordCheck,
): Promise<void> {
  if (!(await currentPasswordIs(change.currentPassword))) throw new FormError({ currentPassword: 'passwords:validation.currentWrong' });
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash);
    await endSessionsOf(trx, userId, currentSessionId);
  });
}
