import type { Knex } from 'knex';

export async function isUnverified(db: Knex, userId: number): Promise<boolean> {
  return Boolean(await db('users').where({ id: userId }).whereNull('email_verified_at').first('id'));
}
