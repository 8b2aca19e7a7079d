import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { openDatabase } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { projectRoot } from '../server/paths';

// npm run schema:dump: migrates a new, empty database on the PostgreSQL server at DATABASE_URL
// (default: the local one), writes its schema to migrations/schema.sql and drops the database again.

export const schemaFile = path.join(projectRoot, 'migrations', 'schema.sql');

/**
 * The schema of the database at url as pg_dump prints it, without what changes between runs
 * or servers: versions, owners, grants, the random \restrict key, and knex's own tables.
 */
export function dumpSchema(url: string): string {
  const dump = execFileSync(
    process.env.PG_DUMP ?? 'pg_dump',
    ['--schema-only', '--no-owner', '--no-privileges', '--exclude-table=knex_migrations*', '--restrict-key=kopa', '--dbname', url],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return `${dump
    .split('\n')
    .filter((line) => !/^-- Dumped (from database|by pg_dump) version /.test(line))
    .join('\n')
    .trimEnd()}\n`;
}

const describeQueries: Record<string, string> = {
  column: `select c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
      || case when a.attnotnull then ' not null' else '' end
      || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') as line
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
    where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
    order by c.relname, a.attnum`,
  constraint: `select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint where connamespace = current_schema()::regnamespace and contype in ('c', 'f', 'p', 'u', 'x')
    order by 1`,
  index: `select pg_get_indexdef(indexrelid) as line from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relnamespace = current_schema()::regnamespace order by c.relname`,
  sequence: `select s.seqrelid::regclass::text || ' ' || format_type(s.seqtypid, null)
      || coalesce(' owned by ' || d.refobjid::regclass::text || '.' || a.attname, '') as line
    from pg_sequence s join pg_class c on c.oid = s.seqrelid
    left join pg_depend d on d.objid = s.seqrelid and d.deptype = 'a' and d.refobjsubid > 0
    left join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
    where c.relnamespace = current_schema()::regnamespace order by 1`,
  trigger: `select pg_get_triggerdef(t.oid) as line from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where c.relnamespace = current_schema()::regnamespace and not t.tgisinternal order by t.tgname`,
  function: `select pg_get_functiondef(p.oid) as line from pg_proc p
    where p.pronamespace = current_schema()::regnamespace order by p.proname`,
};

/**
 * The schema read from the catalogs (tables, columns with types and defaults, constraints,
 * indexes, sequences, triggers, functions): comparable on PGlite, where there is no pg_dump.
 */
export async function describeSchema(db: Knex): Promise<string> {
  const lines: string[] = [];
  for (const [kind, query] of Object.entries(describeQueries)) {
    const { rows } = await db.raw<{ rows: { line: string }[] }>(query);
    lines.push(...rows.filter((row) => !row.line.includes('knex_migrations')).map((row) => `${kind} ${row.line}`));
  }
  return `${lines.join('\n')}\n`;
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates a database on the server, migrates it, hands its URL to use, and drops it. */
export async function withMigratedDatabase<T>(serverUrl: string, use: (url: string) => Promise<T> | T): Promise<T> {
  const name = `kopa_schema_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create database ${name}`);
    const url = withDatabase(serverUrl, name);
    const db = openDatabase({ databaseUrl: url });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    return await use(url);
  } finally {
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
}

async function run(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const schema = await withMigratedDatabase(serverUrl, dumpSchema);
  fs.writeFileSync(schemaFile, schema);
  process.stdout.write(`migrations/schema.sql written from a freshly migrated database on ${new URL(serverUrl).host}\n`);
}

if (require.main === module) {
  run().catch((error: unknown) => {
    process.stderr.write(`schema:dump failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
