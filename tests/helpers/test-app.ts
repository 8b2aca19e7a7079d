import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createApp, type AppDependencies } from '../../server/app';
import { startPublicChanges, type PublicChanges } from '../../server/cache/public-changes';
import { createTestDatabase, type TestDatabase } from './test-db';
import { useTotpKeysFor } from './two-factor';
import { settleDirectWritesBeforeRequests } from './direct-writes';

export interface TestApp extends TestDatabase {
  app: Express;
  config: Config;
  /** The app's announcements of public changes: listening on the database, or fed with deliver(). */
  changes: PublicChanges;
  /** Files currently in the upload store. */
  uploadedFiles(): string[];
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides });
}

/** The real app on this test file's own database and its own upload folder. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    rateLimits?: AppDependencies['rateLimits'];
    workshopLimits?: AppDependencies['workshopLimits'];
    loginDelays?: AppDependencies['loginDelays'];
    sitemapUrlLimit?: number;
    logDestination?: { write(line: string): void };
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-data-'));
  const uploadDir = path.join(dataDir, 'uploads');
  const config = testConfig({ DATA_DIR: dataDir, UPLOAD_DIR: uploadDir, ...options.env });
  const logger = createLogger(config.logLevel, options.logDestination);
  const changes = startPublicChanges(database.db, logger);
  // Listening before the first request, so that what the tests read may be kept.
  await changes.settled();
  // The factories encrypt second-factor secrets with this app's keys.
  useTotpKeysFor(database.db, config.totpKeys);
  const app = createApp({
    config,
    db: database.db,
    logger,
    rateLimits: options.rateLimits,
    workshopLimits: options.workshopLimits,
    loginDelays: options.loginDelays,
    sitemapUrlLimit: options.sitemapUrlLimit,
    publicChanges: changes,
  });
  settleDirectWritesBeforeRequests(app, database.db, changes);
  return {
    ...database,
    app,
    config,
    changes,
    uploadedFiles: () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir) : []),
    async close() {
      await changes.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
