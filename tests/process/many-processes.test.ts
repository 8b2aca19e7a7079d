/**
 * Kopā processes sharing one PostgreSQL: four started together on an empty database migrate and
 * seed it once; a process whose code is older than the database refuses to start and changes
 * nothing; `npm run maintenance` runs once at a time. (The embedded database has one process by
 * construction; the refusal of a newer database is also checked there, without a process.)
 */
import { randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import { openDatabase } from '../../server/db/database';
import { ifNobodyElseIs } from '../../server/db/advisory-locks';
import { migrateToLatest, NewerDatabaseError } from '../../server/db/migrate';
import { migrationNames } from '../../migrations';
import { builtMain, builtMaintenance, freePort, runToEnd, startProcess, waitFor } from '../helpers/processes';
import { realDatabaseUrl, withDatabase } from '../helpers/template';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db';

const serverUrl = realDatabaseUrl();
const onServer = Boolean(serverUrl);
const futureMigration = '29990101000000_add_things_from_the_future';
const refusal = (names: string) =>
  `The database was migrated by a newer Kopā: it ran ${names}, which this version does not know; run that version or restore a backup.`;

/** Row counts of the tables a start would change (migrations, demo seed). */
async function countsOf(db: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['knex_migrations', 'users', 'consultations', 'categories', 'places', 'ideas']) {
    counts[table] = Number((await db(table).count({ n: '*' }))[0].n);
  }
  return counts;
}

describe('a database migrated by a newer Kopā', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('is refused before anything changes, naming what it ran', async () => {
    await database.db('knex_migrations').insert({ name: futureMigration, batch: 99, migration_time: new Date() });
    const before = await countsOf(database.db);
    await expect(migrateToLatest(database.db)).rejects.toThrow(new NewerDatabaseError(refusal(futureMigration)));
    await database.db('knex_migrations').insert({ name: `${futureMigration}_too`, batch: 99, migration_time: new Date() });
    await expect(migrateToLatest(database.db)).rejects.toThrow(refusal(`${futureMigration} and 1 more`));
    expect(await countsOf(database.db)).toEqual({ ...before, knex_migrations: before.knex_migrations + 1 });
  });

  (onServer ? it : it.skip)('stops the server process with that one line and exit status 1, seeding nothing', async () => {
    const before = await countsOf(database.db);
    const result = await runToEnd(builtMain, [], { DATABASE_URL: database.url!, PORT: String(await freePort()), SESSION_SECRET: 's'.repeat(40) });
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`.trim().split('\n')).toEqual([refusal(`${futureMigration} and 1 more`)]);
    // Outside production a start would add the demo accounts, consultation and 30 ideas.
    expect(await countsOf(database.db)).toEqual(before);
    expect(await database.db('knex_migrations_lock').first('is_locked')).toEqual({ is_locked: 0 });
  });
});

(onServer ? describe : describe.skip)('four processes started together on an empty PostgreSQL database', () => {
  const name = `kopa_t_${randomBytes(6).toString('hex')}`;
  let admin: Knex;
  let db: Knex;
  const started: ReturnType<typeof startProcess>[] = [];

  beforeAll(async () => {
    admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${name}`);
    db = openDatabase({ databaseUrl: withDatabase(serverUrl!, name) });
  });
  afterAll(async () => {
    for (const kopa of started) kopa.child.kill('SIGTERM');
    await Promise.all(started.map((kopa) => kopa.exited));
    await db?.destroy();
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  });

  it('migrate and seed it once, and all four become healthy', async () => {
    const ports = await Promise.all([1, 2, 3, 4].map(() => freePort()));
    const startedAt = performance.now();
    for (const port of ports) {
      started.push(
        startProcess(builtMain, { DATABASE_URL: withDatabase(serverUrl!, name), PORT: String(port), SESSION_SECRET: 's'.repeat(40), LOG_LEVEL: 'info' }),
      );
    }
    await Promise.all(ports.map((port) => waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000)));
    process.stdout.write(`4 processes on an empty database: all healthy after ${Math.round(performance.now() - startedAt)} ms\n`);

    const ran = await db('knex_migrations').select('name').count({ n: '*' }).groupBy('name').orderBy('name');
    expect(ran).toEqual(migrationNames.map((migration) => ({ name: migration, n: 1 })));
    expect(await db('users').whereIn('email', ['staff@kopa.local', 'resident@kopa.local']).count({ n: '*' })).toEqual([{ n: 2 }]);
    expect(await db('consultations').count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await db('ideas').count({ n: '*' })).toEqual([{ n: 30 }]);
    const categories = await db('categories').select('slug');
    expect(new Set(categories.map((category) => category.slug)).size).toBe(categories.length);
    for (const port of ports) {
      const list = await (await fetch(`http://127.0.0.1:${port}/ideas?lang=en`)).text();
      expect(list).toContain('30 ideas found.');
    }
    for (const kopa of started) expect(kopa.output()).not.toMatch(/already locked|could not start/i);
  });
});

(onServer ? describe : describe.skip)('npm run maintenance while another run holds the database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('says so in one line and exits 0 doing nothing; runs once the other is done', async () => {
    let finish = () => {};
    const other = ifNobodyElseIs(database.db, 'maintenance', () => new Promise<void>((resolve) => (finish = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const skipped = await runToEnd(builtMaintenance, [], { DATABASE_URL: database.url! });
    expect(skipped).toEqual({ code: 0, stdout: 'maintenance: another maintenance run is in progress on this database; nothing done\n', stderr: '' });

    finish();
    await other;
    const ran = await runToEnd(builtMaintenance, [], { DATABASE_URL: database.url! });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^Inactive accounts \(\d+ months\): 0 warning email\(s\) queued, 0 account\(s\) anonymised\nResidents' contacts of ideas entered for them \(90 days after the consultation\): 0 deleted\n$/);
  });
});
