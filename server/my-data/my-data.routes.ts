import { Router, type Request } from 'express';
import type { Knex } from 'knex';
import { requireLogin } from '../http/access';
import { forbidden, notFound } from '../http/errors';
import { userOf } from '../http/forms';
import { numericIdParam } from '../http/params';
import type { PhotoStorage } from '../uploads/photo-storage';
import { personalData } from './my-data.queries';

/** Only the person themselves, whatever their role: staff do not read someone's export. */
function ownId(req: Request): number {
  const id = numericIdParam(req.params.id);
  if (id !== userOf(req).id) throw forbidden();
  return id;
}

export function myDataRoutes(db: Knex, options: { baseUrl: string; storage: PhotoStorage }): Router {
  const router = Router();

  router.get('/account/data', requireLogin, (req, res) => res.redirect(303, `/users/${userOf(req).id}/data`));

  router.get('/users/:id/data', requireLogin, async (req, res) => {
    const data = await personalData(db, ownId(req), options);
    if (!data) throw notFound();
    res.set('Cache-Control', 'no-store').render('my-data/show', { data, generatedAt: new Date() });
  });

  router.get('/users/:id/data.json', requireLogin, async (req, res) => {
    const data = await personalData(db, ownId(req), options);
    if (!data) throw notFound();
    const generatedAt = new Date();
    res
      .set('Cache-Control', 'no-store')
      .attachment(`kopa-my-data-${generatedAt.toISOString().slice(0, 10)}.json`)
      .type('application/json')
      .send(JSON.stringify({ generatedAt, site: options.baseUrl, note: req.t('my-data:json.note'), workshopNote: req.t('my-data:workshops'), ...data }, null, 2));
  });

  return router;
}
