import { Router } from 'express';
import type { Knex } from 'knex';
import { openConsultations } from '../consultations/consultations.queries';

export function homeRoutes(db: Knex): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const consultations = await openConsultations(db);
    const publishedIdeaCount = Number((await db('ideas').where({ visibility: 'published' }).count({ count: '*' }))[0].count);
    res.render('home/index', { consultations, publishedIdeaCount });
  });
  return router;
}
