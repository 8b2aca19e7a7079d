import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createBackup, defaultBackupFolder } from './backup';
import { exitWithOneLine } from './cli-errors';

// npm run backup [-- --to /backups/kopa-2026-12-02]
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const config = loadConfig();
  const folder = values.to ? path.resolve(values.to) : defaultBackupFolder();
  const manifest = await createBackup(config, folder);
  const database = manifest.database === 'postgresql' ? 'PostgreSQL database' : 'embedded database';
  process.stdout.write(`Backup written to ${folder}: ${database} at migration ${manifest.migrations.at(-1)}, ${manifest.photos} photo file(s)\n`);
}

run().catch((error: unknown) => exitWithOneLine('backup', error));
