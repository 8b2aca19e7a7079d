// The first start's setup of the embedded database, run by main.ts in its own process (see first-start.ts).
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { seedDemoContent } from './demo-seed';
import { configuredPhotoStorage } from '../uploads/photo-storage';

async function setUp(): Promise<void> {
  const config = loadConfig();
  const db = openDatabase({ dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    await seedDemoContent(db, { createDemoStaff: !config.isProduction, photoStorage: configuredPhotoStorage(config, db) });
  } finally {
    await db.destroy();
  }
}

setUp().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
