import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';

// pg returns int8 (count(*), bigserial) as strings, PGlite as numbers: make both numbers.
// A date column stays the 'YYYY-MM-DD' it is, instead of midnight in the server's time zone.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1082, (value: string) => value);
/**
 * PostgreSQL's defaults suit a server with the machine to itself; in PGlite every buffer a scan
 * passes through stays resident in this process's WebAssembly memory (128 MB of shared_buffers
 * after one pass over 100,000 ideas), while the files sit in the OS page cache anyway.
 */
const smallServerSettings = ['shared_buffers=16MB', 'wal_buffers=1MB', 'temp_buffers=2MB', 'work_mem=4MB', 'maintenance_work_mem=16MB'];
export const pgliteOptions = {
  parsers: { 1082: (value: string) => value },
  startParams: [...PGlite.defaultStartParams, ...smallServerSettings.flatMap((setting) => ['-c', setting])],
};

export type Database = Knex;

export interface DatabaseTarget {
  /** postgres:// URL of a real server; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Directory for the embedded database files. */
  dataDir?: string;
  /** An already opened PGlite instance (tests load one from a migrated template). */
  pglite?: PGlite;
}

export function isEmbedded(db: Database): boolean {
  return db.client instanceof ClientPgLite;
}

export function openDatabase(target: DatabaseTarget): Database {
  if (target.databaseUrl) {
    return knexFactory({
      client: 'pg',
      // A dead connection in the pool (server restarted, backend terminated) reports an error
      // that knex records, and the pool drops it before its next use; keep-alive also finds
      // one whose server vanished without a word (a host gone), which otherwise waits forever.
      connection: { connectionString: target.databaseUrl, connectionTimeoutMillis: 5000, keepAlive: true, keepAliveInitialDelayMillis: 10_000 },
      pool: { min: 0, max: 10 },
      acquireConnectionTimeout: 10000,
      log: { warn: warnUnlessRejected },
    });
  }
  if (typeof ClientPgLite !== 'function') {
    // Without the dialect knex would silently connect to a server on :5432 instead.
    throw new Error('knex-pglite did not load: the embedded database is unavailable');
  }
  const pglite = target.pglite ?? openEmbeddedDirectory(target.dataDir);
  return knexFactory({ client: ClientPgLite, connection: () => ({ pglite }) } as Knex.Config);
}

/**
 * knex prints a failed connection with its stack to stdout, and then rejects the query with the
 * same error; whoever awaits the query says it once and clearly (main.ts: one line at start).
 */
function warnUnlessRejected(message: unknown): void {
  if (typeof message === 'string' && message.startsWith('Acquire connection error')) return;
  console.warn(message);
}

export const embeddedDirectoryOf = (dataDir: string) => path.join(dataDir, 'pglite');

function openEmbeddedDirectory(dataDir: string | undefined): PGlite {
  if (!dataDir) return new PGlite(pgliteOptions);
  const databaseDir = embeddedDirectoryOf(dataDir);
  fs.mkdirSync(databaseDir, { recursive: true });
  return new PGlite(databaseDir, pgliteOptions);
}

/** Throws when the database does not answer; used at start and by the health check. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.raw('select 1');
}

export class DataDirectoryInUseError extends Error {}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite corrupts a data directory opened by two processes at once, so the first
 * process takes a lock file and any other (a second server, create-admin) is refused.
 */
export function lockDataDirectory(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'pglite.lock');
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && processIsAlive(holder)) {
      throw new DataDirectoryInUseError(
        `The embedded database in ${dataDir} is in use by process ${holder}; stop it first (or use DATABASE_URL).`,
      );
    }
    fs.writeFileSync(lockFile, String(process.pid));
  }
  return () => fs.rmSync(lockFile, { force: true });
}
