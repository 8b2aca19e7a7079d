import type { Knex } from 'knex';
import { consumeAccountToken } from './account-tokens';
import { releaseDraftsOf } from '../ideas/ideas.queries';
import { lockAccount, markEmailVerified } from '../auth/auth.queries';
import { enqueueVerificationEmail } from './verification-email';

export type Confirmation = { status: 'confirmed'; publishedDrafts: number } | { status: 'invalid' | 'expired' | 'used' };

/** Marks the email as verified with a link from the email, once; the account's drafts are published. */
export async function confirmEmail(db: Knex, secret: string, token: unknown): Promise<Confirmation> {
  return db.transaction(async (trx) => {
    const check = await consumeAccountToken(trx, secret, 'verify_email', token);
    if (check.status !== 'valid') return check;
    if (!(await lockAccount(trx, check.userId, { activeOnly: true }))) return { status: 'invalid' };
    await markEmailVerified(trx, check.userId);
    return { status: 'confirmed', publishedDrafts: await releaseDraftsOf(trx, check.userId) };
  });
}

/** A new verification email for a logged-in person whose address is not verified yet. */
export async function resendVerificationEmail(db: Knex, userId: number): Promise<void> {
  await db.transaction((trx) => enqueueVerificationEmail(trx, userId));
}
