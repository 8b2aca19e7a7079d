import type { Knex } from 'knex';

export async function replaceRecoveryCodeHashes(trx: Knex, userId: number, hashes: string[]): Promise<void> {
  await trx('recovery_codes').where({ user_id: userId }).delete();
  await trx('recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
}

export async function totpStateOf(db: Knex, userId: number): Promise<{ totp_secret: string; totp_last_step: number | null } | undefined> {
  return db('users').where({ id: userId }).whereNotNull('totp_enabled_at').first('totp_secret', 'totp_last_step');
}

/** Claims a time step in one statement: true only for the first request with a newer step. */
export async function claimTotpStep(db: Knex, userId: number, step: number): Promise<boolean> {
  const claimed = await db('users')
    .where({ id: userId })
    .andWhere((where) => where.whereNull('totp_last_step').orWhere('totp_last_step', '<', step))
    .update({ totp_last_step: step })
    .returning('id');
  return claimed.length === 1;
}

export async function unusedRecoveryCodes(db: Knex, userId: number): Promise<{ id: number; code_hash: string }[]> {
  return db('recovery_codes').where({ user_id: userId }).whereNull('used_at').select('id', 'code_hash');
}

/** Marks a recovery code used; false when another request used it first. */
export async function markRecoveryCodeUsed(db: Knex, id: number): Promise<boolean> {
  const used = await db('recovery_codes').where({ id }).whereNull('used_at').update({ used_at: db.fn.now() }).returning('id');
  return used.length === 1;
}

export async function setTotp(trx: Knex, userId: number, secret: string, step: number): Promise<void> {
  await trx('users').where({ id: userId }).update({ totp_secret: secret, totp_enabled_at: trx.fn.now(), totp_last_step: step, updated_at: trx.fn.now() });
}

export async function clearTwoFactor(trx: Knex, userId: number): Promise<void> {
  await trx('users').where({ id: userId }).update({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: trx.fn.now() });
  await trx('recovery_codes').where({ user_id: userId }).delete();
}

export async function unusedRecoveryCodeCount(db: Knex, userId: number): Promise<number> {
  const [{ count }] = await db('recovery_codes').where({ user_id: userId }).whereNull('used_at').count({ count: '*' });
  return Number(count);
}
