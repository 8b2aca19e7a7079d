import type { Knex } from 'knex';
import { consumeAccountToken } from './account-tokens';

export type Confirmation = { status: 'confirmed'; publishedDrafts: number } | { status: 'invalid' | 'expired' | 'used' };

/** Drafts written before verifying go public now, or to moderation where the consultation asks for it. */
export async function publishDrafts(trx: Knex, userId: number): Promise<number> {
  const rows = await trx.raw<{ rows: { id: number }[] }>(
    `update ideas set visibility = case when consultations.moderation_mode = 'pre' then 'pending' else 'published' end, updated_at = now()
     from consultations
     where consultations.id = ideas.consultation_id and ideas.author_id = ? and ideas.visibility = 'draft'
     returning ideas.id`,
    [userId],
  );
  return rows.rows.length;
}

/** Marks the email as verified with a link from the email, once; the account's drafts are published. */
export async function confirmEmail(db: Knex, secret: string, token: unknown): Promise<Confirmation> {
  return db.transaction(async (trx) => {
    const check = await consumeAccountToken(trx, secret, 'verify_email', token);
    if (check.status !== 'valid') return check;
    const user = await trx('users').where({ id: check.userId }).whereNull('deleted_at').forUpdate().first('id');
    if (!user) return { status: 'invalid' };
    await trx('users').where({ id: check.userId }).whereNull('email_verified_at').update({ email_verified_at: trx.fn.now(), updated_at: trx.fn.now() });
    return { status: 'confirmed', publishedDrafts: await publishDrafts(trx, check.userId) };
  });
}
