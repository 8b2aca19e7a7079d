import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createApp, type AppDependencies } from '../../server/app';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestApp extends TestDatabase {
  app: Express;
  config: Config;
  /** Files currently in the upload store. */
  uploadedFiles(): string[];
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides });
}

/** The real app on this test file's own database and its own upload folder. */
export async function createTestApp(
  options: { env?: Record<string, string>; rateLimits?: AppDependencies['rateLimits'] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopa-data-'));
  const uploadDir = path.join(dataDir, 'uploads');
  const config = testConfig({ DATA_DIR: dataDir, UPLOAD_DIR: uploadDir, ...options.env });
  const app = createApp({ config, db: database.db, logger: createLogger(config.logLevel), rateLimits: options.rateLimits });
  return {
    ...database,
    app,
    config,
    uploadedFiles: () => (fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir) : []),
    async close() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
