import { ConfigError, loadConfig } from '../config';
import { DataDirectoryInUseError, lockDataDirectory, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { ifNobodyElseIs } from '../db/advisory-locks';
import { configuredPhotoStorage } from '../uploads/photo-storage';
import { deleteStaleAccountTokens } from '../verification/verification.queries';
import { runInactiveAccountMaintenance } from './inactive-accounts';
import { deleteContactsClosedBefore } from '../assisted-entry/assisted-entry.queries';

// npm run maintenance: run it daily (cron, a systemd timer). Warning emails leave through
// the app's job poller; anonymising happens here.
async function run(): Promise<void> {
  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDirectory(config.dataDir);
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const services = { db, storage: configuredPhotoStorage(config, db), outboxDir: config.smtpUrl ? undefined : config.outboxDir };
    const run = await ifNobodyElseIs(db, 'maintenance', async () => {
      const counts = await runInactiveAccountMaintenance(services, config.inactiveAccountMonths);
      await deleteStaleAccountTokens(db);
      const contactsDeleted = await deleteContactsClosedBefore(db, config.assistedContactRetentionDays);
      return { ...counts, contactsDeleted };
    });
    // A second run started while one works (two cron hosts, a manual run) leaves the work to it.
    if (!run.ran) {
      process.stdout.write('maintenance: another maintenance run is in progress on this database; nothing done\n');
      return;
    }
    const { warned, anonymised, contactsDeleted } = run.result;
    process.stdout.write(
      `Inactive accounts (${config.inactiveAccountMonths} months): ${warned} warning email(s) queued, ${anonymised} account(s) anonymised\n` +
        `Residents' contacts of ideas entered for them (${config.assistedContactRetentionDays} days after the consultation): ${contactsDeleted} deleted\n`,
    );
  } finally {
    await db.destroy();
    unlock();
  }
}

run().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError;
  process.stderr.write(`maintenance: ${known ? (error as Error).message : `failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
