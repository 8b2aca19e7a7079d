import type { Knex } from 'knex';

export async function replaceRecoveryCodeHashes(trx: Knex, userId: number, hashes: string[]): Promise<void> {
  await deleteRecoveryCodesOf(trx, userId);
  await trx('recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
}

export async function totpStateOf(db: Knex, userId: number): Promise<{ totp_secret: string; totp_key_id: string | null; totp_last_step: number | null } | undefined> {
  return db('users').where({ id: userId }).whereNotNull('totp_enabled_at').first('totp_secret', 'totp_key_id', 'totp_last_step');
}

export interface StoredTotpSecret {
  userId: number;
  keyId: string | null;
  ciphertext: string;
}

/** Up to `limit` stored secrets after the account id given, in id order; `notKeyId` leaves out those already on that key. */
export async function storedTotpSecrets(db: Knex, options: { afterUserId: number; limit: number; notKeyId?: string }): Promise<StoredTotpSecret[]> {
  const query = db('users').whereNotNull('totp_secret').where('id', '>', options.afterUserId);
  if (options.notKeyId) query.where((where) => where.whereNull('totp_key_id').orWhereNot('totp_key_id', options.notKeyId!));
  return query.orderBy('id').limit(options.limit).select('id as userId', 'totp_key_id as keyId', 'totp_secret as ciphertext');
}

export async function unusedRecoveryCodes(db: Knex, userId: number): Promise<{ id: number; code_hash: string }[]> {
  return db('recovery_codes').where({ user_id: userId }).whereNull('used_at').select('id', 'code_hash');
}

/** Marks a recovery code used; false when another request used it first. */
export async function markRecoveryCodeUsed(db: Knex, id: number): Promise<boolean> {
  const used = await db('recovery_codes').where({ id }).whereNull('used_at').update({ used_at: db.fn.now() }).returning('id');
  return used.length === 1;
}

export async function deleteRecoveryCodesOf(trx: Knex, userId: number): Promise<void> {
  await trx('recovery_codes').where({ user_id: userId }).delete();
}

export async function unusedRecoveryCodeCount(db: Knex, userId: number): Promise<number> {
  const [{ count }] = await db('recovery_codes').where({ user_id: userId }).whereNull('used_at').count({ count: '*' });
  return Number(count);
}
