/**
 * Kopā for scripts/bench-hit-path.ts: main.ts's app on an embedded database with 2,000
 * ideas, without the middleware named in BENCH_OMIT (comma-separated names of
 * hitPathMiddleware), so that the bench can tell what each one costs a cache hit.
 */
import http from 'node:http';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startPublicChanges } from '../server/cache/public-changes';
import { openDatabase } from '../server/db/database';
import { migrateToLatest } from '../server/db/migrate';
import { seedBenchmarkIdeas } from './bench-seed';
import { createApp, hitPathMiddleware, type HitPathMiddleware } from '../server/app';

async function main(): Promise<void> {
  const config = loadConfig();
  const omitted = (process.env.BENCH_OMIT ?? '').split(',').filter(Boolean);
  const unknown = omitted.find((name) => !(hitPathMiddleware as readonly string[]).includes(name));
  if (unknown) throw new Error(`BENCH_OMIT: ${unknown} is none of ${hitPathMiddleware.join(', ')}`);
  const logger = createLogger(config.logLevel);
  const db = openDatabase({ dataDir: config.dataDir });
  await migrateToLatest(db);
  // The bench's realistic city, seeded by the first of the processes that share the directory.
  if (!(await db('ideas').first('id'))) await seedBenchmarkIdeas(db, 2000);
  const app = createApp({ config, db, logger, publicChanges: startPublicChanges(db, logger), benchOmit: new Set(omitted as HitPathMiddleware[]) });
  http.createServer(app).listen(config.port);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
