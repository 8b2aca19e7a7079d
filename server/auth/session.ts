import session from 'express-session';
import type { Knex } from 'knex';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { Request } from 'express';
import type { SessionUser } from './session-user';
import { sessionWithUser } from './sessions.queries';

// The account is read with the session row (one query instead of two) and handed to passport's
// deserializer through the request; a symbol key is neither copied into the session nor stored.
const userOfSession = Symbol('user of the session');
type SessionDataWithUser = session.SessionData & { [userOfSession]?: SessionUser | null };
const usersLoadedWithSession = new WeakMap<Request, SessionUser | null>();

/** The account read with this request's session, if it is the one asked for; undefined when it was not read. */
export function userLoadedWithSession(req: Request, id: number): SessionUser | null | undefined {
  const user = usersLoadedWithSession.get(req);
  if (user === undefined || user === null) return user;
  return Number(user.id) === Number(id) ? user : undefined;
}

// connect-session-knex both calls back and rejects on error; express-session only
// listens to the callback, so the rejection is absorbed here instead of crashing the process.
class SessionStore extends ConnectSessionKnexStore {
  constructor(options: ConstructorParameters<typeof ConnectSessionKnexStore>[0]) {
    super(options);
    // The table comes from a migration; the library's own table check must not
    // fail every later request (or crash the process) if the database blinks at start.
    this.ready.catch(() => undefined);
    this.ready = Promise.resolve();
  }

  override async get(sid: string, callback?: (error: unknown, session?: session.SessionData | null) => void) {
    try {
      const found = await sessionWithUser(this.options.knex, sid);
      const data = found ? Object.assign(found.session, { [userOfSession]: found.user }) : null;
      callback?.(null, data);
      return data;
    } catch (error) {
      callback?.(error);
      return null;
    }
  }
  override createSession(req: Request, data: session.SessionData) {
    const user = (data as SessionDataWithUser)[userOfSession];
    if (user !== undefined) usersLoadedWithSession.set(req, user);
    return super.createSession(req, data);
  }
  override set(...args: Parameters<ConnectSessionKnexStore['set']>) {
    return super.set(...args).catch(() => undefined);
  }
  override destroy(...args: Parameters<ConnectSessionKnexStore['destroy']>) {
    return super.destroy(...args).catch(() => 0);
  }
  // The cookie does not roll (its expiry moves only when the session is saved, and the row's with
  // it), so moving the row's expiry on every request kept nothing alive longer: it was a write per click.
  override async touch(_sid: string, _data: session.SessionData, callback?: () => void) {
    callback?.();
  }
}

export const sessionCookieName = 'kopa.sid';

export function sessionMiddleware(db: Knex, secret: string, secureCookies: boolean) {
  return session({
    name: sessionCookieName,
    secret,
    store: new SessionStore({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: 0 }),
    // Expired rows are removed by the housekeeping timer (server/jobs/housekeeping.ts), not by the store.
    resave: false,
    // No row and no cookie for a visitor until something is stored (a CSRF token, a login).
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 14 * 24 * 60 * 60 * 1000 },
  });
}
