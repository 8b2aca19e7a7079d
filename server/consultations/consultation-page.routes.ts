import { Router } from 'express';
import type { Knex } from 'knex';
import { notFound } from '../http/errors';
import { numericIdParam } from '../http/params';
import { nebDistribution } from '../neb/neb.queries';
import type { ConsultationsInMemory } from './consultations.cache';

/** A consultation's public page: what it asks, its dates, a way to its ideas, and its published NEB profile. */
export function consultationPageRoutes(db: Knex, consultations: ConsultationsInMemory): Router {
  const router = Router();
  router.get('/consultations/:id', async (req, res) => {
    const consultation = await consultations.byId(numericIdParam(req.params.id));
    if (!consultation) throw notFound();
    res.render('consultations/page', { consultation, distribution: await nebDistribution(db, { consultationId: consultation.id, only: 'published' }) });
  });
  return router;
}
