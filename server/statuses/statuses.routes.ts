import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { fieldErrors } from '../http/validation';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { allowedNextStatuses } from './statuses.policy';
import { statusChangeSchema } from './statuses.schema';
import { changeIdeaStatus, StatusTransitionError } from './statuses.service';

export function statusRoutes(db: Knex): Router {
  const router = Router();
  const staffOnly = requireRole('moderator', 'admin');

  async function renderForm(res: Response, ideaId: number, values: Record<string, unknown>, errors: Record<string, string>, status = 200) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    res.status(status).render('statuses/form', { idea, nextStatuses: allowedNextStatuses(idea.status), values, errors });
  }

  router.get('/admin/ideas/:id/status', staffOnly, (req, res) => renderForm(res, numericIdParam(req.params.id), {}, {}));

  router.post('/admin/ideas/:id/status', staffOnly, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    const parsed = statusChangeSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderForm(res, ideaId, req.body ?? {}, fieldErrors(parsed.error), 422);
    try {
      await changeIdeaStatus(db, req.user!.id, ideaId, parsed.data);
    } catch (error) {
      if (!(error instanceof StatusTransitionError)) throw error;
      return renderForm(res, ideaId, req.body ?? {}, { status: error.messageKey }, 422);
    }
    setFlash(req, 'success', 'statuses:done');
    res.redirect(303, `/ideas/${ideaId}#status-history`);
  });

  return router;
}
