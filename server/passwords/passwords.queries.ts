import type { Knex } from 'knex';
import { verifyPassword } from './password';

export async function passwordMatches(db: Knex, userId: number, password: unknown): Promise<boolean> {
  if (typeof password !== 'string' || password.length === 0 || password.length > 512) return false;
  const row = await db('users').where({ id: userId }).whereNull('deleted_at').first('password_hash');
  return Boolean(row?.password_hash) && verifyPassword(row.password_hash, password);
}

/** Ends the account's sessions in the sessions table, except the one given (the person's own). */
export async function endSessionsOf(db: Knex, userId: number, exceptSessionId?: string): Promise<number> {
  const query = db('sessions').whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(userId)]);
  if (exceptSessionId) query.whereNot('sid', exceptSessionId);
  return (await query.delete().returning('sid')).length;
}

export async function setPasswordHash(db: Knex, userId: number, passwordHash: string): Promise<void> {
  await db('users').where({ id: userId }).update({ password_hash: passwordHash, updated_at: db.fn.now() });
}

/** The account with this address (in any case), unless it is erased. */
export async function liveUserIdByEmail(db: Knex, email: string): Promise<number | undefined> {
  const user = await db('users').whereRaw('lower(email) = lower(?)', [email]).whereNull('deleted_at').first('id');
  return user?.id;
}
