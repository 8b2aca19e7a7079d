import type { Knex } from 'knex';
import type { Client as PgClient } from 'pg';
import { isEmbedded } from './database';

/**
 * Work that only one process at a time may do on a PostgreSQL server. Each is a session-level
 * advisory lock held on a connection of its own, outside knex's pool: the work itself runs on
 * the pool, and a process that dies loses its session and with it the lock.
 * The embedded database has one process by construction (the data directory's lock file), and
 * one connection, so there the work just runs.
 */
const lockNamespace = 0x4b6f7061; // "Kopa": the first key of pg_advisory_lock(int, int)
export const advisoryLocks = {
  /** Adopting squashed migrations, migrating and seeding at start (main.ts and every CLI). */
  startup: 1,
  /** One housekeeping round at a time across the processes. */
  housekeeping: 2,
  /** One `npm run maintenance` at a time. */
  maintenance: 3,
} as const;
export type AdvisoryLock = keyof typeof advisoryLocks;

async function lockConnection(db: Knex): Promise<PgClient> {
  return (db.client as { acquireRawConnection(): Promise<PgClient> }).acquireRawConnection();
}

async function release(client: PgClient, lock: AdvisoryLock): Promise<void> {
  // Ending the session releases the lock too; unlocking first says so before the socket closes.
  await client.query('select pg_advisory_unlock($1, $2)', [lockNamespace, advisoryLocks[lock]]).catch(() => undefined);
  await client.end().catch(() => undefined);
}

/** Waits for the lock, runs the work, releases it. Another process arriving meanwhile waits in turn. */
export async function whileHolding<T>(db: Knex, lock: AdvisoryLock, work: () => Promise<T>): Promise<T> {
  if (isEmbedded(db)) return work();
  const client = await lockConnection(db);
  // A connection lost while waiting must not become an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.query('select pg_advisory_lock($1, $2)', [lockNamespace, advisoryLocks[lock]]);
    return await work();
  } finally {
    await release(client, lock);
  }
}

/** Runs the work only when no other process holds the lock; `ran: false` when one does. */
export async function ifNobodyElseIs<T>(db: Knex, lock: AdvisoryLock, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
  if (isEmbedded(db)) return { ran: true, result: await work() };
  const client = await lockConnection(db);
  client.on('error', () => undefined);
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [lockNamespace, advisoryLocks[lock]]);
    if (!rows[0].locked) return { ran: false };
    return { ran: true, result: await work() };
  } finally {
    await release(client, lock);
  }
}
