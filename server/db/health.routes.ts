import { Router } from 'express';
import type { Knex } from 'knex';
import { pingDatabase } from './database';

const healthTimeoutMs = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

export function healthRoutes(db: Knex): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await withTimeout(pingDatabase(db), healthTimeoutMs);
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });
  return router;
}
