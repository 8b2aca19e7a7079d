import type { Knex } from 'knex';

/** Ends the account's sessions, except the one given (the person's own). */
export async function endSessionsOf(db: Knex, userId: number, exceptSessionId?: string): Promise<number> {
  const query = db('sessions').whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(userId)]);
  if (exceptSessionId) query.whereNot('sid', exceptSessionId);
  return (await query.delete().returning('sid')).length;
}

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db('sessions').where('expired', '<', db.fn.now()).delete();
}
