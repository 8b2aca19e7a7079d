import { Router } from 'express';
import type { Knex } from 'knex';
import { numericIdParam } from '../http/params';
import { paperFormOf, type PaperFormReference } from './paper-forms.service';

/** The printable form of a consultation, for people who write their idea on paper. */
export function paperFormRoutes(db: Knex, reference: PaperFormReference, site: { baseUrl: string; cityBounds: [number, number, number, number] }): Router {
  const router = Router();
  router.get('/consultations/:id/paper-form.pdf', async (req, res) => {
    const { pdf, fileName } = await paperFormOf(db, reference, { consultationId: numericIdParam(req.params.id), locale: req.locale, t: req.t, ...site });
    res.type('application/pdf').set('Content-Disposition', `inline; filename="${fileName}"`).set('Cache-Control', 'no-cache').send(pdf);
  });
  return router;
}
