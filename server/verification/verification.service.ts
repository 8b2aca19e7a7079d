import type { Knex } from 'knex';
import { consumeAccountToken } from './account-tokens';
import { lockLiveUser, markEmailVerified } from './verification.queries';

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
    const user = await lockLiveUser(trx, check.userId);
    if (!user) return { status: 'invalid' };
    await markEmailVerified(trx, check.userId);
    return { status: 'confirmed', publishedDrafts: await publishDrafts(trx, check.userId) };
  });
}
