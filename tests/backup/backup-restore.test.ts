import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import knexFactory, { type Knex } from 'knex';
import { migrationNames } from '../../migrations';
import { lockDataDirectory, openDatabase, pgliteOptions } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { changeWorkshopState } from '../../server/workshops/workshops.service';
import { ownTableCount } from '../../server/backup/backup.queries';
import { databaseDumpText } from '../helpers/database-dump';
import { builtBackup, builtRestore, runToEnd, type Finished } from '../helpers/processes';
import { createTestDatabase } from '../helpers/test-db';
import { realDatabaseUrl, templateFile, withDatabase } from '../helpers/template';
import { buildComment } from '../factories/comments';
import { buildConsultation, buildIdea } from '../factories/ideas';
import { buildPhoto } from '../factories/photos';
import { databasePhotoStorage } from '../../server/uploads/photo-storage';
import { buildSupport } from '../factories/supports';
import { buildUser } from '../factories/users';
import { buildDots, buildParticipant, buildRoomIdea, buildWorkshop } from '../factories/workshops';

/**
 * The drill runs against the database of the run: PostgreSQL (pg_dump/pg_restore, scratch
 * databases created and dropped here) with DATABASE_URL, otherwise the embedded database in a
 * data directory.
 */
const serverUrl = realDatabaseUrl();

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-backup-test-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Where Kopā keeps its data, as the CLIs see it through their environment. */
interface Place {
  env: Record<string, string>;
  uploadDir: string;
  open(): Knex;
}

function placeFor(databaseUrl: string | undefined): Place {
  const dataDir = tempDir();
  const uploadDir = path.join(dataDir, 'uploads');
  return {
    env: { DATA_DIR: dataDir, UPLOAD_DIR: uploadDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    uploadDir,
    open: () => (databaseUrl ? openDatabase({ databaseUrl }) : openDatabase({ dataDir })),
  };
}

/** A new, empty database (a scratch PostgreSQL database, or a data directory with none yet). */
async function emptyPlace(): Promise<Place> {
  if (!serverUrl) return placeFor(undefined);
  const name = `kopa_restore_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: serverUrl, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  cleanups.push(async () => {
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  });
  return placeFor(withDatabase(serverUrl, name));
}

/** A migrated database with reference data, like the one a server leaves behind, and a connection to it (closed by the caller). */
async function migratedPlace(): Promise<{ place: Place; db: Knex }> {
  if (serverUrl) {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    return { place: placeFor(database.url), db: database.db };
  }
  const place = placeFor(undefined);
  const pglite = new PGlite(path.join(place.env.DATA_DIR, 'pglite'), { loadDataDir: new Blob([fs.readFileSync(templateFile())]), ...pgliteOptions });
  return { place, db: openDatabase({ pglite }) };
}

async function withDatabaseOf<T>(place: Place, use: (db: Knex) => Promise<T>): Promise<T> {
  const db = place.open();
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

/** No table in the database (PostgreSQL), or no database files at all (embedded); no photo. */
async function expectNothingIn(place: Place): Promise<void> {
  if (serverUrl) await withDatabaseOf(place, async (db) => expect(await ownTableCount(db)).toBe(0));
  else expect(fs.existsSync(path.join(place.env.DATA_DIR, 'pglite'))).toBe(false);
  expect(photoFiles(place.uploadDir)).toEqual({});
}

/** Every photo file of a folder with its bytes, by name. */
function photoFiles(dir: string): Record<string, Buffer> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

/** A small city: residents, staff, ideas with photos, comments, supports, and a closed workshop with its results. */
async function buildCity(db: Knex, uploadDir: string): Promise<void> {
  const anna = await buildUser(db, { displayName: 'Anna <script>alert(1)</script>', preferredLocale: 'ru' });
  const jānis = await buildUser(db, { displayName: 'Jānis =HYPERLINK("http://evil","x")' });
  const facilitator = await buildUser(db, { role: 'facilitator' });
  const consultationId = await buildConsultation(db, { moderationMode: 'pre' });
  const ideas = [
    await buildIdea(db, { consultationId, authorId: anna.id, title: 'Soliņi pie Daugavas <b>tūlīt</b>' }),
    await buildIdea(db, { consultationId, authorId: jānis.id, status: 'accepted' }),
    await buildIdea(db, { consultationId, authorId: jānis.id, visibility: 'draft' }),
  ];
  await buildPhoto(db, uploadDir, ideas[0]);
  await buildPhoto(db, uploadDir, ideas[0]);
  await buildPhoto(db, uploadDir, ideas[1]);
  // A photo kept in the database (PHOTO_STORE=database, or half-way through photos:move): the dump carries it.
  await buildPhoto(db, databasePhotoStorage(db), ideas[1]);
  const question = await buildComment(db, { ideaId: ideas[0], authorId: jānis.id, body: 'Кто будет красить? ∑ 🎨' });
  await buildComment(db, { ideaId: ideas[0], authorId: anna.id, parentId: question });
  await buildComment(db, { ideaId: ideas[1], authorId: anna.id, hiddenAt: new Date() });
  await buildSupport(db, { ideaId: ideas[0], userId: jānis.id });
  await buildSupport(db, { ideaId: ideas[1], userId: anna.id });
  const workshop = await buildWorkshop(db, { consultationId, createdBy: facilitator.id, state: 'voting' });
  const kids = [await buildParticipant(db, workshop.id), await buildParticipant(db, workshop.id, { nickname: 'Ilze', ageGroup: '13_15' })];
  const roomIdea = await buildRoomIdea(db, workshop, consultationId, { participantId: kids[0] });
  await buildDots(db, { workshopId: workshop.id, participantId: kids[0], ideaId: roomIdea, dots: 2 });
  await buildDots(db, { workshopId: workshop.id, participantId: kids[1], ideaId: roomIdea, dots: 1 });
  const person = { id: facilitator.id, email: facilitator.email, displayName: facilitator.displayName, role: 'facilitator' as const, preferredLocale: 'lv' as const, blockedAt: null, emailVerified: true, totpEnabled: true };
  await changeWorkshopState(db, person, workshop.id, 'closed');
}

const inUseBy = (dataDir: string) => `The embedded database in ${dataDir} is in use by process ${process.pid}; stop it first (or use DATABASE_URL).`;

function expectOneLineRefusal(result: Finished, command: 'backup' | 'restore', message: RegExp | string): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  if (typeof message === 'string') expect(result.stderr).toBe(`${command}: ${message}\n`);
  else expect(result.stderr).toMatch(message);
}

describe(`backup and restore (${serverUrl ? 'PostgreSQL' : 'embedded'})`, () => {
  let city: Place;
  let cityDump: string;
  let cityPhotos: Record<string, Buffer>;
  let backupDir: string;

  beforeAll(async () => {
    const { place, db } = await migratedPlace();
    city = place;
    try {
      await buildCity(db, city.uploadDir);
      cityDump = await databaseDumpText(db);
    } finally {
      // Closed before any backup runs: the embedded database's files are whole only then.
      await db.destroy();
    }
    cityPhotos = photoFiles(city.uploadDir);
    backupDir = path.join(tempDir(), 'nightly');
  });

  it('restores a city into an empty database: every table and every photo file the same', async () => {
    expect(Object.keys(cityPhotos)).toHaveLength(6);
    expect(cityDump.split('\n').filter((line) => line.startsWith('photo_files: '))).toHaveLength(2);
    const backup = await runToEnd(builtBackup, ['--to', backupDir], city.env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toBe(`Backup written to ${backupDir}: ${serverUrl ? 'PostgreSQL' : 'embedded'} database at migration ${migrationNames.at(-1)}, 6 photo file(s)\n`);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'kopa-backup-1', appVersion: '0.1.0', migrations: [...migrationNames].sort(), photos: 6 });

    const target = await emptyPlace();
    const restored = await runToEnd(builtRestore, ['--from', backupDir], target.env);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^Restored .* \(made .* by Kopā 0\.1\.0, 6 photo file\(s\)\)/);

    expect(photoFiles(target.uploadDir)).toEqual(cityPhotos);
    await withDatabaseOf(target, async (db) => {
      expect(await databaseDumpText(db)).toBe(cityDump);
      // The next start finds nothing to migrate, and new rows continue the restored sequences.
      await migrateToLatest(db);
      expect(await databaseDumpText(db)).toBe(cityDump);
      const idea = await db('ideas').orderBy('id').first('id', 'author_id');
      await buildComment(db, { ideaId: idea.id, authorId: idea.author_id, body: 'after the restore' });
    });
  });

  it('refuses a database that is not empty, or a photo folder that is not, and changes nothing', async () => {
    const intoCity = await runToEnd(builtRestore, ['--from', backupDir], city.env);
    expectOneLineRefusal(
      intoCity,
      'restore',
      serverUrl ? /^restore: The database 127\.0\.0\.1:5432\/kopa_t_\w+ is not empty \(\d+ tables\): restore only into a new, empty database\.\n$/ : `The embedded database in ${city.env.DATA_DIR} is not empty: restore only into a DATA_DIR without one (move this one aside first).`,
    );
    await withDatabaseOf(city, async (db) => expect(await databaseDumpText(db)).toBe(cityDump));
    expect(photoFiles(city.uploadDir)).toEqual(cityPhotos);

    const target = await emptyPlace();
    fs.mkdirSync(target.uploadDir, { recursive: true });
    fs.writeFileSync(path.join(target.uploadDir, 'someone-elses.webp'), 'x');
    expectOneLineRefusal(await runToEnd(builtRestore, ['--from', backupDir], target.env), 'restore', `The photo folder ${target.uploadDir} is not empty: restore only into an empty one.`);
    expect(photoFiles(target.uploadDir)).toEqual({ 'someone-elses.webp': Buffer.from('x') });
    fs.rmSync(target.uploadDir, { recursive: true });
    await expectNothingIn(target);
  });

  it('refuses a backup of the other kind of database', async () => {
    const elsewhere: Record<string, string> = serverUrl ? { DATA_DIR: tempDir() } : { DATA_DIR: tempDir(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' };
    expectOneLineRefusal(
      await runToEnd(builtRestore, ['--from', backupDir], elsewhere),
      'restore',
      serverUrl
        ? 'This backup is of a PostgreSQL database: set DATABASE_URL to the new, empty database to restore it into.'
        : 'This backup is of an embedded database: unset DATABASE_URL and set DATA_DIR to an empty folder to restore it into.',
    );
  });

  // A PostgreSQL backup goes into a database named by DATABASE_URL, never into a data directory.
  (serverUrl ? it.skip : it)('refuses to restore into a data directory a running process holds', async () => {
    const target = await emptyPlace();
    const unlock = lockDataDirectory(target.env.DATA_DIR);
    try {
      expectOneLineRefusal(await runToEnd(builtRestore, ['--from', backupDir], target.env), 'restore', inUseBy(target.env.DATA_DIR));
      await expectNothingIn(target);
    } finally {
      unlock();
    }
  });

  it('refuses a damaged backup before touching the target', async () => {
    const damaged = path.join(tempDir(), 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const photo = path.join(damaged, 'photos', Object.keys(cityPhotos)[0]);
    const bytes = fs.readFileSync(photo);
    bytes[bytes.length - 1] ^= 1;
    fs.writeFileSync(photo, bytes);
    const target = await emptyPlace();
    expectOneLineRefusal(await runToEnd(builtRestore, ['--from', damaged], target.env), 'restore', `The backup in ${damaged} is damaged: photos/${Object.keys(cityPhotos)[0]} is changed.`);
    await expectNothingIn(target);
  });

  it('refuses to back up an embedded database while a process holds it, and writes nothing', async () => {
    // A PostgreSQL run has no embedded database at hand; the lock is checked before any is opened anyway.
    const dataDir = serverUrl ? tempDir() : city.env.DATA_DIR;
    const unlock = lockDataDirectory(dataDir);
    try {
      const folder = path.join(tempDir(), 'while-running');
      expectOneLineRefusal(await runToEnd(builtBackup, ['--to', folder], { DATA_DIR: dataDir }), 'backup', inUseBy(dataDir));
      expect(fs.existsSync(folder)).toBe(false);
      expect(fs.existsSync(`${folder}.partial`)).toBe(false);
    } finally {
      unlock();
    }
  });

  it('refuses a backup whose database ran migrations newer than this code', async () => {
    const future = '29991231000000_add_things_from_the_future';
    // The city's last use: it stays a database from the future.
    await withDatabaseOf(city, (db) => db('knex_migrations').insert({ name: future, batch: 99, migration_time: new Date() }));
    const newer = path.join(tempDir(), 'newer');
    expect((await runToEnd(builtBackup, ['--to', newer], city.env)).code).toBe(0);
    const target = await emptyPlace();
    expectOneLineRefusal(
      await runToEnd(builtRestore, ['--from', newer], target.env),
      'restore',
      `The backup's database ran 1 migration(s) this version of Kopā does not know (${future}): restore it with Kopā 0.1.0 or newer.`,
    );
    await expectNothingIn(target);
  });
});
