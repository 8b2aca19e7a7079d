import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import { openDatabase, pgliteOptions } from '../../server/db/database';
import { realDatabaseUrl, templateDatabaseName, templateFile, withDatabase } from './template';

export interface TestDatabase {
  db: Knex;
  /** postgres:// URL of this file's database, when running against a real server. */
  url?: string;
  close(): Promise<void>;
}

/** A fresh, migrated database for one test file, with reference data (categories, places) only. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = realDatabaseUrl();
  if (serverUrl) {
    const name = `kopa_t_${randomBytes(6).toString('hex')}`;
    const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${name} template ${templateDatabaseName()}`);
    const url = withDatabase(serverUrl, name);
    const db = openDatabase({ databaseUrl: url });
    return {
      db,
      url,
      async close() {
        await db.destroy();
        await admin.raw(`drop database if exists ${name} with (force)`);
        await admin.destroy();
      },
    };
  }
  const pglite = new PGlite({ loadDataDir: new Blob([fs.readFileSync(templateFile())]), ...pgliteOptions });
  const db = openDatabase({ pglite });
  return { db, close: () => db.destroy() };
}
