import type { Knex } from 'knex';

/** Locks an account that is not erased; undefined when there is none. */
export async function lockLiveUser(trx: Knex, userId: number): Promise<{ id: number } | undefined> {
  return trx('users').where({ id: userId }).whereNull('deleted_at').forUpdate().first('id');
}

/** Marks the address verified; true only the first time. */
export async function markEmailVerified(trx: Knex, userId: number): Promise<boolean> {
  const verified = await trx('users').where({ id: userId }).whereNull('email_verified_at').update({ email_verified_at: trx.fn.now(), updated_at: trx.fn.now() }).returning('id');
  return verified.length === 1;
}

export async function isUnverified(db: Knex, userId: number): Promise<boolean> {
  return Boolean(await db('users').where({ id: userId }).whereNull('email_verified_at').first('id'));
}
