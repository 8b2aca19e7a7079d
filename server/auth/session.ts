import session from 'express-session';
import type { Knex } from 'knex';
import { ConnectSessionKnexStore } from 'connect-session-knex';

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

  override get(...args: Parameters<ConnectSessionKnexStore['get']>) {
    return super.get(...args).catch(() => null);
  }
  override set(...args: Parameters<ConnectSessionKnexStore['set']>) {
    return super.set(...args).catch(() => undefined);
  }
  override destroy(...args: Parameters<ConnectSessionKnexStore['destroy']>) {
    return super.destroy(...args).catch(() => 0);
  }
  override touch(sid: string, data: session.SessionData, callback?: () => void) {
    return super.touch(sid, data).then(
      () => callback?.(),
      () => callback?.(),
    );
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
