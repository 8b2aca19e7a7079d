import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { requireVisibleIdea } from '../http/visible-idea';
import { allowedNextStatuses } from './statuses.policy';
import { statusChangeSchema } from './statuses.schema';
import { changeIdeaStatus } from './statuses.service';

export function statusRoutes(db: Knex): Router {
  const router = Router();
  const staffOnly = requireRole('moderator', 'admin');
  const visibleIdea = requireVisibleIdea(db);

  async function renderForm(res: Response, ideaId: number, values: Record<string, unknown>, errors: FieldProblems) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    res.status(Object.keys(errors).length ? 422 : 200).render('statuses/form', { idea, nextStatuses: allowedNextStatuses(idea.status), values, errors });
  }

  router.get('/admin/ideas/:id/status', staffOnly, visibleIdea, (req, res) => renderForm(res, numericIdParam(req.params.id), {}, {}));

  router.post('/admin/ideas/:id/status', staffOnly, visibleIdea, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await handleForm(req, res, {
      schema: statusChangeSchema,
      run: (change) => changeIdeaStatus(db, userOf(req).id, ideaId, change),
      again: (values, errors) => renderForm(res, ideaId, values, errors),
      done: () => flashAndRedirect(req, res, 'statuses:done', `/ideas/${ideaId}#status-history`),
    });
  });

  return router;
}
