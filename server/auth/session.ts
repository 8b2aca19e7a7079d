import session from 'express-session';
import type { Knex } from 'knex';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import type { Request, RequestHandler } from 'express';
import type { SessionUser } from './session-user';
import { sessionWithUser } from './sessions.queries';
import type { SessionCache } from './session-cache';
import type { PersonalStateOfIdea } from '../supports/supports.queries';

// The account (and on an idea's page the person's state of the idea) is read with the session
// row, one query, and handed to passport's deserializer and the route through the request; a
// symbol key is neither copied into the session nor stored.
const readWithSession = Symbol('read with the session');
interface ReadWithSession {
  user: SessionUser | null;
  ideaId?: number;
  ideaState?: PersonalStateOfIdea;
}
type SessionDataWithUser = session.SessionData & { [readWithSession]?: ReadWithSession };
const loadedWithSession = new WeakMap<Request, ReadWithSession>();

/** The account read with this request's session, if it is the one asked for; undefined when it was not read. */
export function userLoadedWithSession(req: Request, id: number): SessionUser | null | undefined {
  const user = loadedWithSession.get(req)?.user;
  if (user === undefined || user === null) return user;
  return Number(user.id) === Number(id) ? user : undefined;
}

/** The logged-in person's state of this idea, read with the session (see sessionMiddleware); undefined when it was not. */
export function ideaStateReadWithSession(req: Request, ideaId: number): PersonalStateOfIdea | undefined {
  const loaded = loadedWithSession.get(req);
  return loaded?.ideaId === ideaId ? loaded.ideaState : undefined;
}

// connect-session-knex both calls back and rejects on error; express-session only
// listens to the callback, so the rejection is absorbed here instead of crashing the process.
class SessionStore extends ConnectSessionKnexStore {
  /**
   * Set by sessionMiddleware just around express-session's handler, which calls get()
   * synchronously for a request that carries a session cookie; any later get() (a reload) reads nothing along.
   */
  ideaAskedNow: number | undefined;

  constructor(options: ConstructorParameters<typeof ConnectSessionKnexStore>[0], private readonly cache?: SessionCache) {
    super(options);
    // The table comes from a migration; the library's own table check must not
    // fail every later request (or crash the process) if the database blinks at start.
    this.ready.catch(() => undefined);
    this.ready = Promise.resolve();
  }

  override async get(sid: string, callback?: (error: unknown, session?: session.SessionData | null) => void) {
    const ideaId = this.ideaAskedNow;
    try {
      let found = this.cache?.read(sid, ideaId);
      if (!found) {
        const stamp = this.cache?.stamp();
        found = await sessionWithUser(this.options.knex, sid, ideaId);
        if (found && stamp !== undefined) this.cache?.keep(sid, found, ideaId, stamp);
      }
      const data = found ? Object.assign(found.session, { [readWithSession]: { user: found.user, ideaId, ideaState: found.ideaState } }) : null;
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
  // A session this process writes is dropped from the cache before the write and again once it is done.
  override set(...args: Parameters<ConnectSessionKnexStore['set']>) {
    this.cache?.forget(args[0]);
    return super.set(...args).catch(() => undefined).finally(() => this.cache?.forget(args[0]));
  }
  override destroy(...args: Parameters<ConnectSessionKnexStore['destroy']>) {
    this.cache?.forget(args[0]);
    return super.destroy(...args).catch(() => 0).finally(() => this.cache?.forget(args[0]));
  }
  // The cookie does not roll (its expiry moves only when the session is saved, and the row's with
  // it), so moving the row's expiry on every request kept nothing alive longer: it was a write per click.
  override async touch(_sid: string, _data: session.SessionData, callback?: () => void) {
    callback?.();
  }
}

export const sessionCookieName = 'kopa.sid';

/**
 * `ideaOfPage` names the idea whose page a request asks for: the person's own state of it is read
 * in the session's query, so that a logged-in idea page makes one query in all.
 */
export function sessionMiddleware(
  db: Knex,
  secret: string,
  secureCookies: boolean,
  ideaOfPage?: (req: Request) => number | undefined,
  cache?: SessionCache,
): RequestHandler {
  const store = new SessionStore({ knex: db, tableName: 'sessions', createTable: false, cleanupInterval: 0 }, cache);
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
  if (!ideaOfPage) return handler;
  return (req, res, next) => {
    store.ideaAskedNow = ideaOfPage(req);
    try {
      handler(req, res, next);
    } finally {
      store.ideaAskedNow = undefined;
    }
  };
}
