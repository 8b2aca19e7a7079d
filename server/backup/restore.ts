import fs from 'node:fs/promises';
import path from 'node:path';
import { migrationNames } from '../../migrations';
import type { Config } from '../config';
import { lockDataDirectory, openDatabase } from '../db/database';
import { squashedMigrationNames } from '../db/squashed-migrations';
import {
  BackupError,
  copyPhotos,
  embeddedDatabaseDirName,
  isEmptyDirectory,
  photosDirName,
  postgresDumpFileName,
  readVerifiedManifest,
  type BackupManifest,
} from './backup-folder';
import { ownTableCount } from './backup.queries';
import { databaseAddress, runPgTool } from './pg-tools';

/** A database that ran migrations this code lacks would be refused at start, or worse, half understood. */
function refuseUnknownMigrations(manifest: BackupManifest): void {
  const known = new Set([...migrationNames, ...squashedMigrationNames]);
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupError(
      `The backup's database ran ${unknown.length} migration(s) this version of Kopā does not know (${unknown[0]}): restore it with Kopā ${manifest.appVersion} or newer.`,
    );
  }
}

async function refuseFilledPhotoFolder(uploadDir: string): Promise<void> {
  if (!(await isEmptyDirectory(uploadDir))) throw new BackupError(`The photo folder ${uploadDir} is not empty: restore only into an empty one.`);
}

async function restorePostgres(config: Config & { databaseUrl: string }, source: string): Promise<void> {
  const db = openDatabase({ databaseUrl: config.databaseUrl });
  try {
    const tables = await ownTableCount(db);
    if (tables > 0) {
      throw new BackupError(`The database ${databaseAddress(config.databaseUrl)} is not empty (${tables} tables): restore only into a new, empty database.`);
    }
  } finally {
    await db.destroy();
  }
  await refuseFilledPhotoFolder(config.uploadDir);
  // One transaction: a restore that fails leaves the database as empty as it was.
  await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', path.join(source, postgresDumpFileName)], config.databaseUrl);
  await copyPhotos(path.join(source, photosDirName), config.uploadDir);
}

async function restoreEmbedded(config: Config, source: string): Promise<void> {
  const unlock = lockDataDirectory(config.dataDir);
  try {
    const databaseDir = path.join(config.dataDir, embeddedDatabaseDirName);
    if (!(await isEmptyDirectory(databaseDir))) {
      throw new BackupError(`The embedded database in ${config.dataDir} is not empty: restore only into a DATA_DIR without one (move this one aside first).`);
    }
    await refuseFilledPhotoFolder(config.uploadDir);
    await fs.cp(path.join(source, embeddedDatabaseDirName), databaseDir, { recursive: true, errorOnExist: true, force: false });
    await copyPhotos(path.join(source, photosDirName), config.uploadDir);
  } finally {
    unlock();
  }
}

/** Everything is checked (the files, the kind of database, the migrations, an empty target) before anything is written. */
export async function restoreBackup(config: Config, source: string): Promise<BackupManifest> {
  const manifest = await readVerifiedManifest(source);
  if (manifest.database === 'postgresql' && !config.databaseUrl) {
    throw new BackupError('This backup is of a PostgreSQL database: set DATABASE_URL to the new, empty database to restore it into.');
  }
  if (manifest.database === 'embedded' && config.databaseUrl) {
    throw new BackupError('This backup is of an embedded database: unset DATABASE_URL and set DATA_DIR to an empty folder to restore it into.');
  }
  refuseUnknownMigrations(manifest);
  if (config.databaseUrl) await restorePostgres({ ...config, databaseUrl: config.databaseUrl }, source);
  else await restoreEmbedded(config, source);
  return manifest;
}
