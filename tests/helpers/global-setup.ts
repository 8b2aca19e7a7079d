import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import knexFactory from 'knex';
import { openDatabase } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { seedReferenceData } from '../../server/seed/demo-seed';
import { realDatabaseUrl, templateDatabaseName, templateFile, withDatabase } from './template';

/**
 * Migrates one template database per run; every test file then starts from a copy of it
 * (CREATE DATABASE … TEMPLATE on PostgreSQL, a loaded data directory on PGlite).
 */
export default async function globalSetup(): Promise<void> {
  process.env.KOPA_TEST_RUN_ID ??= `${process.pid}_${Date.now()}`;
  const url = realDatabaseUrl();
  if (url) {
    const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    const name = templateDatabaseName();
    await admin.raw(`drop database if exists ${name}`);
    await admin.raw(`create database ${name}`);
    await admin.destroy();
    const template = openDatabase({ databaseUrl: withDatabase(url, name) });
    await migrateToLatest(template);
    await seedReferenceData(template);
    await template.destroy();
    return;
  }
  const pglite = new PGlite();
  const template = openDatabase({ pglite });
  await migrateToLatest(template);
  await seedReferenceData(template);
  const dump = await pglite.dumpDataDir('none');
  fs.writeFileSync(templateFile(), Buffer.from(await dump.arrayBuffer()));
  await template.destroy();
}
