import type { Knex } from 'knex';
import { verifyPassword } from './password';

export async function passwordMatches(db: Knex, userId: number, password: unknown): Promise<boolean> {
  if (typeof password !== 'string' || password.length === 0 || password.length > 512) return false;
  const row = await db('users').where({ id: userId }).whereNull('deleted_at').first('password_hash');
  return Boolean(row?.password_hash) && verifyPassword(row.password_hash, password);
}

/** The account with this address (in any case), unless it is erased. */
export async function liveUserIdByEmail(db: Knex, email: string): Promise<number | undefined> {
  const user = await db('users').whereRaw('lower(email) = lower(?)', [email]).whereNull('deleted_at').first('id');
  return user?.id;
}
