import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { lockDataDirectory, openDatabase } from '../db/database';
import { projectRoot } from '../paths';
import {
  BackupError,
  checksumsOf,
  copyPhotos,
  embeddedDatabaseDirName,
  isEmptyDirectory,
  photosDirName,
  postgresDumpFileName,
  writeManifest,
  type BackupManifest,
} from './backup-folder';
import { appliedMigrationNames } from './backup.queries';
import { databaseAddress, runPgTool } from './pg-tools';

type BackedUp = Pick<BackupManifest, 'database' | 'migrations' | 'photos'>;

function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export function defaultBackupFolder(now = new Date()): string {
  return path.resolve('backups', `kopa-backup-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}`);
}

async function migrationsOf(target: { databaseUrl?: string; dataDir?: string }, where: string): Promise<string[]> {
  const db = openDatabase(target);
  try {
    const migrations = await appliedMigrationNames(db);
    if (migrations.length === 0) throw new BackupError(`There is no Kopā database ${where} to back up (no migrations have run there).`);
    return migrations;
  } finally {
    await db.destroy();
  }
}

/** pg_dump takes one consistent snapshot, so the server may keep running meanwhile. */
async function backUpPostgres(config: Config & { databaseUrl: string }, folder: string): Promise<BackedUp> {
  const migrations = await migrationsOf({ databaseUrl: config.databaseUrl }, `at ${databaseAddress(config.databaseUrl)}`);
  // Photos are copied before and after the snapshot: a photo of a row in it was on disk at one of the
  // two moments unless it came and went while pg_dump ran; one uploaded meanwhile is a harmless extra.
  const photosDir = path.join(folder, photosDirName);
  await copyPhotos(config.uploadDir, photosDir);
  await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(folder, postgresDumpFileName)}`], config.databaseUrl);
  const photos = await copyPhotos(config.uploadDir, photosDir, { addMissing: true });
  return { database: 'postgresql', migrations, photos };
}

/**
 * The embedded database's files are consistent only while no process has them open, so the
 * backup takes the data directory's lock (refused while a server holds it) and copies them
 * after closing its own connection.
 */
async function backUpEmbedded(config: Config, folder: string): Promise<BackedUp> {
  const unlock = lockDataDirectory(config.dataDir);
  try {
    const databaseDir = path.join(config.dataDir, embeddedDatabaseDirName);
    if (await isEmptyDirectory(databaseDir)) throw new BackupError(`There is no embedded database in ${config.dataDir} to back up.`);
    const migrations = await migrationsOf({ dataDir: config.dataDir }, `in ${config.dataDir}`);
    await fs.cp(databaseDir, path.join(folder, embeddedDatabaseDirName), { recursive: true });
    const photos = await copyPhotos(config.uploadDir, path.join(folder, photosDirName));
    return { database: 'embedded', migrations, photos };
  } finally {
    unlock();
  }
}

/**
 * Writes the backup into `<folder>.partial` and renames it at the end, so a folder with the
 * final name is always a whole backup.
 */
export async function createBackup(config: Config, folder: string): Promise<BackupManifest> {
  if (!(await isEmptyDirectory(folder))) throw new BackupError(`${folder} already exists and is not empty: choose a new folder.`);
  const partial = `${folder}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await fs.mkdir(partial, { recursive: true });
  try {
    const contents = config.databaseUrl ? await backUpPostgres({ ...config, databaseUrl: config.databaseUrl }, partial) : await backUpEmbedded(config, partial);
    const manifest: BackupManifest = {
      format: 'kopa-backup-1',
      createdAt: new Date().toISOString(),
      appVersion: appVersion(),
      ...contents,
      files: await checksumsOf(partial),
    };
    await writeManifest(partial, manifest);
    await fs.rm(folder, { recursive: true, force: true });
    await fs.rename(partial, folder);
    return manifest;
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true });
    throw error;
  }
}
