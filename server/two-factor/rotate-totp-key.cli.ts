import { ConfigError, loadConfig } from '../config';
import { DataDirectoryInUseError, lockDataDirectory, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { rotateTotpSecrets, TotpKeyError } from './totp-secrets.service';

/*
 * npm run rotate-totp-key: with the new key in TOTP_ENCRYPTION_KEY and the old one in
 * TOTP_PREVIOUS_ENCRYPTION_KEYS (the key derived from SESSION_SECRET is always readable),
 * re-encrypts every second-factor secret with the new key. Safe to run again after an interruption.
 */
async function run(): Promise<void> {
  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDirectory(config.dataDir);
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const { rotated } = await rotateTotpSecrets(db, config.totpKeys);
    process.stdout.write(`Second-factor secrets re-encrypted with key ${config.totpKeys.current.id}: ${rotated}\n`);
  } finally {
    await db.destroy();
    unlock();
  }
}

run().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError || error instanceof TotpKeyError;
  process.stderr.write(`rotate-totp-key: ${known ? (error as Error).message : `failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
