import { Router } from 'express';
import type { Knex } from 'knex';
import { resultRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { queueCounts } from './moderation.queries';

/** The staff area's front page: what waits for a moderator, and the way to every staff tool. */
export function adminRoutes(db: Knex): Router {
  const router = Router();
  router.get('/admin', requireRole(...resultRoles), async (_req, res) => {
    res.render('moderation/staff-home', { counts: await queueCounts(db) });
  });
  return router;
}
