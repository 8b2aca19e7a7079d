import type { Knex } from 'knex';
import type { SessionData } from 'express-session';
import type { SessionUser } from './session-user';
import { toSessionUser, type UserRow } from './auth.queries';

/**
 * A live session and, in the same round trip, the account it is logged in as: null when it is
 * logged in as nobody or as an account since erased (the request then has no user).
 */
export async function sessionWithUser(db: Knex, sid: string): Promise<{ session: SessionData; user: SessionUser | null } | undefined> {
  const row: (UserRow & { sess: SessionData | string; user_id: number | null }) | undefined = await db('sessions')
    .leftJoin('users', (join) =>
      join
        // A guard before the cast: a session holds only what the app put there, but a bad value must not fail the lookup.
        .on('users.id', db.raw(`case when (sessions.sess -> 'passport' ->> 'user') ~ '^[0-9]{1,18}$' then (sessions.sess -> 'passport' ->> 'user')::bigint end`))
        .andOnNull('users.deleted_at'),
    )
    .where('sessions.sid', sid)
    .andWhere('sessions.expired', '>', db.fn.now())
    .first('sessions.sess', 'users.id as user_id', 'users.*');
  if (!row) return undefined;
  const session = typeof row.sess === 'string' ? (JSON.parse(row.sess) as SessionData) : row.sess;
  return { session, user: row.user_id === null ? null : toSessionUser(row) };
}

/** Ends the account's sessions, except the one given (the person's own). */
export async function endSessionsOf(db: Knex, userId: number, exceptSessionId?: string): Promise<number> {
  const query = db('sessions').whereRaw(`(sess::jsonb -> 'passport' ->> 'user') = ?`, [String(userId)]);
  if (exceptSessionId) query.whereNot('sid', exceptSessionId);
  return (await query.delete().returning('sid')).length;
}

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db('sessions').where('expired', '<', db.fn.now()).delete();
}
