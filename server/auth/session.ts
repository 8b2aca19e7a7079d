import session from 'express-session';
import type { Knex } from 'knex';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { Request, RequestHandler } from 'express';
import type { SessionUser } from './session-user';
import { sessionWithUser, type ReadAlongSession } from './sessions.queries';

export type { ReadAlongSession } from './sessions.queries';

// The account (and what the route asked to read along) is read with the session row, one query,
// and handed to passport's deserializer and the route through the request; a symbol key is
// neither copied into the session nor stored.
const readWithSession = Symbol('read with the session');
interface ReadWithSession {
  user: SessionUser | null;
  along: Record<string, unknown>;
}
type SessionDataWithUser = session.SessionData & { [readWithSession]?: ReadWithSession };
const loadedWithSession = new WeakMap<Request, ReadWithSession>();

/** The account read with this request's session, if it is the one asked for; undefined when it was not read. */
export function userLoadedWithSession(req: Request, id: number): SessionUser | null | undefined {
  const user = loadedWithSession.get(req)?.user;
  if (user === undefined || user === null) return user;
  return Number(user.id) === Number(id) ? user : undefined;
}

/** What the request's route asked to read along with its session (see sessionMiddleware); undefined when nothing was. */
export function readAlongWithSession(req: Request): Record<string, unknown> | undefined {
  return loadedWithSession.get(req)?.along;
}

// connect-session-knex both calls back and rejects on error; express-session only
// listens to the callback, so the rejection is absorbed here instead of crashing the process.
class SessionStore extends ConnectSessionKnexStore {
  /**
   * Set by sessionMiddleware just around express-session's handler, which calls get()
   * synchronously for a request that carries a session cookie; any later get() (a reload) reads nothing along.
   */
  readAlongNow: ReadAlongSession | undefined;

  constructor(options: ConstructorParameters<typeof ConnectSessionKnexStore>[0]) {
    super(options);
    // The table comes from a migration; the library's own table check must not
    // fail every later request (or crash the process) if the database blinks at start.
    this.ready.catch(() => undefined);
    this.ready = Promise.resolve();
  }

  override async get(sid: string, callback?: (error: unknown, session?: session.SessionData | null) => void) {
    const readAlong = this.readAlongNow;
    try {
      const found = await sessionWithUser(this.options.knex, sid, readAlong);
      const data = found ? Object.assign(found.session, { [readWithSession]: { user: found.user, along: found.along } }) : null;
      callback?.(null, data);
      return data;
    } catch (error) {
      callback?.(error);
      return null;
    }
  }
  override createSession(req: Request, data: session.SessionData) {
    const loaded = (data as SessionDataWithUser)[readWithSession];
    if (loaded !== undefined) loadedWithSession.set(req, loaded);
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

/**
 * `readAlong` names, per request, what its route wants read in the session's query (the logged-in
 * idea page's own support and follow state), so that the page makes one query instead of two.
 */
export function sessionMiddleware(db: Knex, secret: string, secureCookies: boolean, readAlong?: (req: Request) => ReadAlongSession | undefined): RequestHandler {
  const store = new SessionStore({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: 0 });
  const handler = session({
    name: sessionCookieName,
    secret,
    store,
    // Expired rows are removed by the housekeeping timer (server/jobs/housekeeping.ts), not by the store.
    resave: false,
    // No row and no cookie for a visitor until something is stored (a CSRF token, a login).
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 14 * 24 * 60 * 60 * 1000 },
  });
  if (!readAlong) return handler;
  return (req, res, next) => {
    store.readAlongNow = readAlong(req);
    try {
      handler(req, res, next);
    } finally {
      store.readAlongNow = undefined;
    }
  };
}
