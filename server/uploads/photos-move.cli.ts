import { ConfigError, loadConfig } from '../config';
import { DataDirectoryInUseError, lockDataDirectory, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { movePhotos, PhotoMoveError } from './photo-move';
import { photoStores, type PhotoStoreKind } from './photo-storage';

// npm run photos:move -- --to database|disk: moves every photo to one store. Safe to repeat and
// to run again after an interruption. With PostgreSQL the site may keep running: set PHOTO_STORE
// to the target and restart it first, then move (each photo is served from either store meanwhile).

class UsageError extends Error {}

function targetOf(args: string[]): PhotoStoreKind {
  const joined = args.join(' ');
  const match = /^--to[= ](database|disk)$/.exec(joined);
  if (!match) throw new UsageError(`usage: npm run photos:move -- --to database|disk (got "${joined}")`);
  return match[1] as PhotoStoreKind;
}

async function run(): Promise<void> {
  const to = targetOf(process.argv.slice(2));
  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDirectory(config.dataDir);
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const stores = photoStores(config, db);
    const from = stores[to === 'database' ? 'disk' : 'database'];
    const moved = await movePhotos(db, from, stores[to], (line) => process.stdout.write(`${line}\n`));
    const where = to === 'database' ? 'the database' : `the folder ${config.uploadDir}`;
    process.stdout.write(`All ${moved.total} photo(s) are in ${where} (${moved.copied} file(s) copied in this run).\n`);
    if (moved.missing.length) {
      process.stdout.write(`Warning: ${moved.missing.length} file(s) were in neither store before this run, e.g. ${moved.missing.slice(0, 3).join(', ')}.\n`);
    }
    if (config.photoStore !== to) process.stdout.write(`Set PHOTO_STORE=${to} so that new photos go there too.\n`);
  } finally {
    await db.destroy();
    unlock();
  }
}

run().catch((error: unknown) => {
  const known = [ConfigError, DataDirectoryInUseError, UsageError, PhotoMoveError].some((kind) => error instanceof kind);
  process.stderr.write(`photos:move: ${known ? (error as Error).message : `failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
