import type { Knex } from 'knex';
import { migrations } from '../../migrations';
import { whileHolding } from './advisory-locks';
import { adoptSquashedMigrations } from './squashed-migrations';

// Migrations are listed in code rather than read from a folder, so the same list
// works from TypeScript under jest and from compiled JavaScript in production.
const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export class NewerDatabaseError extends Error {}

/** Refuses, before anything is changed, a database that ran migrations this code does not have. */
async function refuseNewerDatabase(db: Knex): Promise<void> {
  if (!(await db.schema.hasTable('knex_migrations'))) return;
  const ran: string[] = await db('knex_migrations').orderBy('name').pluck('name');
  const unknown = ran.filter((name) => !(name in migrations));
  if (unknown.length === 0) return;
  const names = unknown.length === 1 ? unknown[0] : `${unknown[0]} and ${unknown.length - 1} more`;
  throw new NewerDatabaseError(
    `The database was migrated by a newer Kopā: it ran ${names}, which this version does not know; run that version or restore a backup.`,
  );
}

/**
 * Brings the schema up to date. Processes starting together on one server take turns (an
 * advisory lock; knex's own migration lock would make the others fail, not wait): the first
 * migrates, the others find nothing left to do. `alsoWhileLocked` runs under the same lock
 * (main.ts seeds the demo content there, so that it is seeded once).
 */
export async function migrateToLatest<T = void>(db: Knex, alsoWhileLocked?: () => Promise<T>): Promise<T | undefined> {
  return whileHolding(db, 'startup', async () => {
    await adoptSquashedMigrations(db);
    await refuseNewerDatabase(db);
    await db.migrate.latest({ migrationSource });
    return alsoWhileLocked?.();
  });
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}
