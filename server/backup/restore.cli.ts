import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config';
import { exitWithOneLine } from './cli-errors';
import { restoreBackup } from './restore';

// npm run restore -- --from /backups/kopa-2026-12-02 (into an empty DATABASE_URL, or an empty DATA_DIR)
async function run(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  if (!values.from) throw new ConfigError('--from <backup folder> is required');
  const config = loadConfig();
  const folder = path.resolve(values.from);
  const manifest = await restoreBackup(config, folder);
  process.stdout.write(
    `Restored ${folder} (made ${manifest.createdAt} by Kopā ${manifest.appVersion}, ${manifest.photos} photo file(s)); the next start runs any newer migrations\n`,
  );
}

run().catch((error: unknown) => exitWithOneLine('restore', error));
