import { Router } from 'express';
import type { Knex } from 'knex';
import { pingDatabase } from './database';

const healthTimeoutMs = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

/**
 * Liveness: the process runs and its event loop turns. It touches no database, so an
 * orchestrator does not restart a process only because the database is away; it comes first
 * in the app (no log line, no session, no rate limit).
 */
export function livenessRoute(): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  return router;
}

/** Readiness: 503 while the database does not answer within 2 s; the process stays up and recovers by itself. */
export function healthRoutes(db: Knex): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(pingDatabase(db), healthTimeoutMs);
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' });
    }
  });
  return router;
}
