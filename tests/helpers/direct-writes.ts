import { AsyncLocalStorage } from 'node:async_hooks';
import type { Express } from 'express';
import type { Knex } from 'knex';
import type { PublicChanges } from '../../server/cache/public-changes';

// A transaction's COMMIT (no method) counts too: a request made while it was open settled only what came before.
const readMethods = new Set<string | undefined>(['select', 'first', 'pluck', 'count']);

/**
 * A test that writes straight to the database (a factory, an update) writes as another process
 * would: on PostgreSQL its announcement reaches the caches a moment later, on PGlite at once.
 * A visitor comes later than that moment; a test's next request may not. So a request waits for
 * the announcements of the direct writes before it. The app's own writes are not counted: its
 * write barrier, which the tests check, is what makes those visible. Writes made through another
 * connection (a second knex, a child process) are not seen here: such tests await settled() themselves.
 */
export function settleDirectWritesBeforeRequests(app: Express, db: Knex, changes: PublicChanges): void {
  const insideApp = new AsyncLocalStorage<true>();
  let directWrites = 0;
  let settledThrough = 0;
  db.on('query', (query: { method?: string }) => {
    if (!insideApp.getStore() && !readMethods.has(query.method)) directWrites++;
  });
  const handle = (app as unknown as { handle: Handle }).handle.bind(app);
  (app as unknown as { handle: Handle }).handle = (req, res, next) => {
    const through = directWrites;
    const before = through > settledThrough ? changes.settled().then(() => void (settledThrough = Math.max(settledThrough, through))) : Promise.resolve();
    const run = () => insideApp.run(true, () => handle(req, res, next));
    // settled() does not fail (a lost connection announces everything as changed); if it did, the request still runs.
    before.then(run, run);
  };
}

type Handle = (req: unknown, res: unknown, next?: (error?: unknown) => void) => void;
