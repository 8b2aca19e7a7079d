import type { Express } from 'express';
import { loadConfig, type Config } from '../../server/config';
import { createLogger } from '../../server/logger';
import { createApp, type AppDependencies } from '../../server/app';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface TestApp extends TestDatabase {
  app: Express;
  config: Config;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides });
}

/** The real app on this test file's own database. */
export async function createTestApp(
  options: { env?: Record<string, string>; rateLimits?: AppDependencies['rateLimits'] } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(options.env);
  const app = createApp({ config, db: database.db, logger: createLogger(config.logLevel), rateLimits: options.rateLimits });
  return { ...database, app, config };
}
