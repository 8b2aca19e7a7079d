import type { Knex } from 'knex';
import type { SessionData } from 'express-session';
import type { SessionUser } from './session-user';
import { toSessionUser, type UserRow } from './auth.queries';
import type { PersonalStateOfIdea } from '../supports/supports.queries';

type SessionRow = Omit<UserRow, 'id' | 'password_hash'> & {
  sess: SessionData | string;
  user_id: number | null;
  supported: boolean | null;
  used_in_consultation: number | null;
  following: boolean | null;
};

export interface SessionWithUser {
  session: SessionData;
  user: SessionUser | null;
  /** The person's own state of the idea asked for; undefined when none was asked or nobody is logged in. */
  ideaState?: PersonalStateOfIdea;
}

/**
 * A live session and, in the same round trip, the account it is logged in as (null when it is
 * logged in as nobody or as an account since erased: the request then has no user), and, for an
 * idea's page, the person's own support and follow state of that idea. It is the database
 * function session_with_user (see its migration): its plan is kept per connection, and it joins
 * the account on `sessions.user_id`, so a read neither plans a query nor parses JSON in SQL.
 */
export async function sessionWithUser(db: Knex, sid: string, ideaId?: number): Promise<SessionWithUser | undefined> {
  const { rows }: { rows: SessionRow[] } = await db.raw('select * from session_with_user(?, ?)', [sid, ideaId ?? null]);
  const row = rows[0];
  if (!row) return undefined;
  const session = typeof row.sess === 'string' ? (JSON.parse(row.sess) as SessionData) : row.sess;
  if (row.user_id === null) return { session, user: null };
  const user = toSessionUser({ ...row, id: row.user_id });
  if (ideaId === undefined || row.supported === null) return { session, user };
  return { session, user, ideaState: { supported: row.supported, usedInConsultation: Number(row.used_in_consultation), following: Boolean(row.following) } };
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
