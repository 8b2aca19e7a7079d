import type { Knex } from 'knex';

export async function isUnverified(db: Knex, userId: number): Promise<boolean> {
  return Boolean(await db('users').where({ id: userId }).whereNull('email_verified_at').first('id'));
}

export interface AccountTokenRow {
  id: number;
  user_id: number;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
}

/** Stores a new link token (only the hash of its random part); returns its id. */
export async function insertAccountToken(db: Knex, token: { userId: number; purpose: string; tokenHash: string; expiresAt: Date }): Promise<number> {
  const [row] = await db('account_tokens')
    .insert({ user_id: token.userId, purpose: token.purpose, token_hash: token.tokenHash, expires_at: token.expiresAt })
    .returning('id');
  return row.id;
}

export async function accountTokenById(db: Knex, id: number, purpose: string): Promise<AccountTokenRow | undefined> {
  return db('account_tokens').where({ id, purpose }).first();
}

/** The token's row, locked for the caller's transaction, so it is used once only. */
export async function lockAccountToken(trx: Knex, id: number, purpose: string): Promise<AccountTokenRow | undefined> {
  return trx('account_tokens').where({ id, purpose }).forUpdate().first();
}

/** Ends every open link of this kind for the account. */
export async function markAccountTokensUsed(trx: Knex, userId: number, purpose: string, now: Date): Promise<void> {
  await trx('account_tokens').where({ user_id: userId, purpose }).whereNull('used_at').update({ used_at: now });
}

export async function deleteStaleAccountTokens(db: Knex): Promise<void> {
  await db('account_tokens').where('expires_at', '<', db.raw(`now() - interval '7 days'`)).delete();
}

export async function deleteAccountTokensOf(trx: Knex, userId: number): Promise<void> {
  await trx('account_tokens').where({ user_id: userId }).delete();
}
