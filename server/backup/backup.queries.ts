import type { Knex } from 'knex';

/** The migrations this database ran, by name (none on a database never migrated). */
export async function appliedMigrationNames(db: Knex): Promise<string[]> {
  if (!(await db.schema.hasTable('knex_migrations'))) return [];
  return db('knex_migrations').orderBy('name').pluck('name');
}

/** Tables outside PostgreSQL's own schemas: a restore goes only into a database with none. */
export async function ownTableCount(db: Knex): Promise<number> {
  const row = await db('information_schema.tables')
    .whereNotIn('table_schema', ['pg_catalog', 'information_schema'])
    .count<{ count: number | string }[]>('* as count')
    .first();
  return Number(row?.count ?? 0);
}
