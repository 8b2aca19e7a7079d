import type { Knex } from 'knex';
import type { SessionData } from 'express-session';
import type { SessionUser } from './session-user';
import { toSessionUser, type UserRow } from './auth.queries';

/** Columns a caller reads along with the session, for its account (`users.id`, null when logged out): name → SQL. */
export type ReadAlongSession = (db: Knex) => Record<string, Knex.Raw>;

const sessionUserColumns = ['users.id as user_id', 'users.email', 'users.display_name', 'users.role', 'users.preferred_locale', 'users.blocked_at', 'users.email_verified_at', 'users.totp_enabled_at'];

/**
 * A live session and, in the same round trip, the account it is logged in as (null when it is
 * logged in as nobody or as an account since erased: the request then has no user), and what
 * `readAlong` asks for. The account is joined on `sessions.user_id`, which PostgreSQL derives
 * from the JSON when the session is written, so a read parses no JSON in SQL.
 */
export async function sessionWithUser(
  db: Knex,
  sid: string,
  readAlong?: ReadAlongSession,
): Promise<{ session: SessionData; user: SessionUser | null; along: Record<string, unknown> } | undefined> {
  const along = readAlong?.(db) ?? {};
  const row: (Omit<UserRow, 'id' | 'password_hash'> & { sess: SessionData | string; user_id: number | null } & Record<string, unknown>) | undefined = await db('sessions')
    .leftJoin('users', (join) => join.on('users.id', 'sessions.user_id').andOnNull('users.deleted_at'))
    .where('sessions.sid', sid)
    .andWhere('sessions.expired', '>', db.fn.now())
    .first('sessions.sess', ...sessionUserColumns, ...Object.entries(along).map(([name, sql]) => db.raw('(?) as ??', [sql, name])));
  if (!row) return undefined;
  const session = typeof row.sess === 'string' ? (JSON.parse(row.sess) as SessionData) : row.sess;
  const user = row.user_id === null ? null : toSessionUser({ ...row, id: row.user_id });
  return { session, user, along: Object.fromEntries(Object.keys(along).map((name) => [name, row[name]])) };
}

/** Ends the account's sessions, except the one given (the person's own). */
export async function endSessionsOf(db: Knex, userId: number, exceptSessionId?: string): Promise<number> {
  const query = db('sessions').where('user_id', userId);
  if (exceptSessionId) query.whereNot('sid', exceptSessionId);
  return (await query.delete().returning('sid')).length;
}

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db('sessions').where('expired', '<', db.fn.now()).delete();
}
