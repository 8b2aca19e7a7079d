import type { Knex } from 'knex';
import { migrations } from '../../migrations';
import { adoptSquashedMigrations } from './squashed-migrations';

// Migrations are listed in code rather than read from a folder, so the same list
// works from TypeScript under jest and from compiled JavaScript in production.
const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

export async function migrateToLatest(db: Knex): Promise<void> {
  await adoptSquashedMigrations(db);
  await db.migrate.latest({ migrationSource });
}

export async function rollbackAll(db: Knex): Promise<void> {
  await db.migrate.rollback({ migrationSource }, true);
}
