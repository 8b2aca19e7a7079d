import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Knex } from 'knex';
import { migrationNames, migrations } from '../../migrations';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest, rollbackAll } from '../../server/db/migrate';
import { baselineMigrationNames, SquashedMigrationsError, squashedMigrationNames } from '../../server/db/squashed-migrations';
import { describeSchema, dumpSchema, schemaFile } from '../../scripts/schema-dump';
import { realDatabaseUrl, templateFile } from '../helpers/template';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const migrationsDir = path.join(__dirname, '..', '..', 'migrations');
const recordedNames = (db: Knex): Promise<string[]> => db('knex_migrations').orderBy('id').pluck('name');

async function recordMigrations(db: Knex, names: readonly string[]): Promise<void> {
  await db('knex_migrations').delete();
  if (names.length > 0) await db('knex_migrations').insert(names.map((name, index) => ({ name, batch: 1 + Math.floor(index / 10), migration_time: db.fn.now() })));
}

describe('the migrations folder', () => {
  it('holds exactly the migrations named in index.ts, in order, each a timestamped verb-noun with up and down', () => {
    const files = fs.readdirSync(migrationsDir).filter((file) => file.endsWith('.ts') && file !== 'index.ts');
    expect(files.map((file) => file.replace(/\.ts$/, ''))).toEqual([...migrationNames]);
    expect([...migrationNames].sort()).toEqual([...migrationNames]);
    for (const name of migrationNames) {
      expect(name).toMatch(/^\d{14}_(create|add|drop|alter|allow|rename|remove)_[a-z0-9_]+$/);
      expect(typeof migrations[name].up).toBe('function');
      expect(typeof migrations[name].down).toBe('function');
    }
  });

  it('never imports application code: a migration runs the same whatever the code becomes', () => {
    for (const name of migrationNames) {
      const imports = fs.readFileSync(path.join(migrationsDir, `${name}.ts`), 'utf8').match(/from '[^']+'/g) ?? [];
      expect({ name, imports }).toEqual({ name, imports: ["from 'knex'"] });
    }
  });

  it('starts with the baseline; later changes come after it and the squashed names before it', () => {
    expect(migrationNames.slice(0, baselineMigrationNames.length)).toEqual(baselineMigrationNames);
    expect(squashedMigrationNames).toHaveLength(41);
    expect(squashedMigrationNames.every((name) => name < baselineMigrationNames[0])).toBe(true);
  });
});

describe('migrating a database', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.close());

  it('rolls every migration back down to an empty schema, then up again to the same schema', async () => {
    const { db } = database;
    const before = await describeSchema(db);
    await rollbackAll(db);
    expect(await recordedNames(db)).toEqual([]);
    const left = await describeSchema(db);
    expect(left.split('\n').filter((line) => line !== '')).toEqual([]);
    await migrateToLatest(db);
    expect(await describeSchema(db)).toBe(before);
    expect(await recordedNames(db)).toEqual([...migrationNames]);
  });

  it('moves a database migrated before the squash onto the new names in one step, touching nothing else', async () => {
    const { db } = database;
    const before = await describeSchema(db);
    // The rows as the latest migrations leave them: later ones may change data (category icons).
    const categories = await db('categories').orderBy('id');
    // Such a database has none of the changes made after the baseline: they run after the move.
    for (const name of migrationNames.slice(baselineMigrationNames.length).reverse()) await migrations[name].down(db);
    await recordMigrations(db, squashedMigrationNames);
    await migrateToLatest(db);
    expect(await recordedNames(db)).toEqual([...migrationNames]);
    expect(await describeSchema(db)).toBe(before);
    expect(await db('categories').orderBy('id')).toEqual(categories);
    await migrateToLatest(db);
    expect(await recordedNames(db)).toEqual([...migrationNames]);
  });

  it('refuses, with one line saying what to do, a database that ran only part of the squashed migrations', async () => {
    const { db } = database;
    const partial = squashedMigrationNames.slice(0, 30);
    await recordMigrations(db, partial);
    const refusal = migrateToLatest(db);
    await expect(refusal).rejects.toThrow(SquashedMigrationsError);
    await expect(refusal).rejects.toThrow(/^This database ran only 30 of the 41 migrations squashed on 2026-12-04: finish them with the last version before the squash \(git checkout f96394e, then npm start once\), or start from an empty database\.$/);
    expect(await recordedNames(db)).toEqual(partial);
  });

  it('refuses a database that mixes the squashed migrations with unknown ones', async () => {
    const { db } = database;
    await recordMigrations(db, [...squashedMigrationNames, '20261203120000_add_something_else']);
    await expect(migrateToLatest(db)).rejects.toThrow(/^This database ran the 41 migrations squashed on 2026-12-04 and 1 unknown ones \(20261203120000_add_something_else…\): start from an empty database\.$/);
    expect(await recordedNames(db)).toHaveLength(42);
  });
});

describe('schema.sql', () => {
  const schemaSql = fs.readFileSync(schemaFile, 'utf8');

  (realDatabaseUrl() ? it : it.skip)('is what pg_dump prints for a migrated database (else run npm run schema:dump)', async () => {
    const database = await createTestDatabase();
    try {
      expect(dumpSchema(database.url!)).toBe(schemaSql);
    } finally {
      await database.close();
    }
  });

  // On PostgreSQL the test above compares pg_dump's text itself.
  (realDatabaseUrl() ? it.skip : it)('builds, when loaded, the same tables, columns, constraints, indexes, triggers and functions as the migrations', async () => {
    const migrated = await createTestDatabase();
    // A copy of the migrated template, emptied: much faster than a new PGlite on a busy machine.
    const pglite = new PGlite({ loadDataDir: new Blob([fs.readFileSync(templateFile())]) });
    const loaded = openDatabase({ pglite });
    try {
      await pglite.exec('drop schema public cascade; create schema public');
      // psql's \restrict lines are not SQL; the dump empties search_path for its own session.
      await pglite.exec(schemaSql.replace(/^\\.*$/gm, ''));
      await pglite.exec('reset search_path');
      // Read back, pg_dump's text loses the nesting of ANDs in one check (a and b) and c: same meaning.
      const withoutParentheses = (schema: string) => schema.replace(/^constraint .* CHECK .*$/gm, (line) => line.replace(/[()]/g, ''));
      expect(withoutParentheses(await describeSchema(loaded))).toBe(withoutParentheses(await describeSchema(migrated.db)));
    } finally {
      await loaded.destroy();
      await migrated.close();
    }
  });
});
