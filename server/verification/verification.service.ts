import type { Knex } from 'knex';
import { consumeAccountToken } from '../account-tokens/account-tokens';
import { releaseDraftsOf } from '../ideas/ideas.queries';

export type Confirmation = { status: 'confirmed'; publishedDrafts: number } | { status: 'invalid' | 'expired' | 'used' };

/** Marks the email as verified with a link from the email, once; the account's drafts are published. */
export async function confirmEmail(db: Knex, secret: string, token: unknown): Promise<Confirmation> {
  return db.transaction(async (trx) => {
    const check = await consumeAccountToken(trx, secret, 'verify_email', token);
    if (check.status !== 'valid') return check;
    const user = await trx('users').where({ id: check.userId }).whereNull('deleted_at').forUpdate().first('id');
    if (!user) return { status: 'invalid' };
    await trx('users').where({ id: check.userId }).whereNull('email_verified_at').update({ email_verified_at: trx.fn.now(), updated_at: trx.fn.now() });
    return { status: 'confirmed', publishedDrafts: await releaseDraftsOf(trx, check.userId) };
  });
}
