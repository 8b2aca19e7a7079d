import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { DataDirectoryInUseError, lockDataDirectory, openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { adminAccountSchema, createOrPromoteAdmin } from './admin-accounts';

// npm run create-admin -- --email a@b.lv --password '…' [--name 'Anna']
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, name: { type: 'string' } } });
  const parsed = adminAccountSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`--${String(issue.path[0])} ${issue.message === 'Invalid input: expected string, received undefined' ? 'is required' : issue.message}`);
  }
  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDirectory(config.dataDir);
  const db = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db);
    const outcome = await createOrPromoteAdmin(db, parsed.data);
    process.stdout.write(`Admin account ${outcome}: ${parsed.data.email}\n`);
  } finally {
    await db.destroy();
    unlock();
  }
}

run().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirectoryInUseError;
  process.stderr.write(`create-admin: ${known ? (error as Error).message : `failed: ${(error as Error).message}`}\n`);
  process.exit(1);
});
