import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { staffRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { localPathOr } from '../http/safe-redirect';
import { fieldErrors } from '../http/validation';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { ideaById } from '../ideas/ideas.queries';
import { allCategories } from '../categories/categories.queries';
import type { IdeaServices } from '../ideas/ideas.service';
import { commentById } from '../comments/comments.queries';
import { openReportsOfComment, openReportsOfIdea, queueComments, queueCounts, queueIdeas, queuePageSize } from './moderation.queries';
import { bulkSchema, categoryChangeSchema, duplicateSchema, hideSchema, pinMoveSchema, queueQuerySchema } from './moderation.schema';
import * as moderation from './moderation.service';

type Errors = Record<string, string>;

// Actions that take nothing but the CSRF token (and where to go back to).
const noFields = z.object({});

export function moderationRoutes(services: IdeaServices): Router {
  const router = Router();
  const { db } = services;
  const staffOnly = requireRole(...staffRoles);

  router.get('/admin/moderation', staffOnly, async (req, res) => {
    const query = parseFiltersOr400(() => queueQuerySchema.safeParse(req.query));
    const { items, total } = query.view === 'comments' ? await queueComments(db, query) : await queueIdeas(db, query);
    res.render('moderation/queue', { query, items, total, pageCount: Math.max(1, Math.ceil(total / queuePageSize)), counts: await queueCounts(db), errors: {} });
  });

  router.post('/admin/moderation/bulk', staffOnly, async (req, res) => {
    const returnTo = localPathOr(req.body?.returnTo, '/admin/moderation');
    const parsed = bulkSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      setFlash(req, 'error', Object.values(fieldErrors(parsed.error))[0]);
      return res.redirect(303, returnTo);
    }
    const { done, skipped } = await moderation.moderateInBulk(db, req.user!.id, parsed.data.items, parsed.data.action, parsed.data.reason);
    setFlash(req, 'success', `moderation:bulk.done.${parsed.data.action}`, { done, skipped });
    res.redirect(303, returnTo);
  });

  async function renderIdeaPage(res: Response, ideaId: number, values: Record<string, unknown> = {}, errors: Errors = {}) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    res.status(Object.keys(errors).length ? 422 : 200).render('moderation/idea', {
      idea,
      original: idea.duplicateOfId ? await ideaById(db, idea.duplicateOfId) : undefined,
      reports: await openReportsOfIdea(db, ideaId),
      categories: await allCategories(db),
      values,
      errors,
      ...mapAssets(['location-picker.js']),
    });
  }

  router.get('/admin/ideas/:id', staffOnly, (req, res) => renderIdeaPage(res, numericIdParam(req.params.id)));

  /** Validates the form, runs the change, and goes back; a problem shows the idea's page with it. */
  function ideaAction<S extends z.ZodType>(path: string, schema: S, change: (req: Request, ideaId: number, form: z.infer<S>) => Promise<void>, doneKey: string) {
    router.post(`/admin/ideas/:id/${path}`, staffOnly, async (req, res) => {
      const ideaId = numericIdParam(req.params.id);
      const body = req.body ?? {};
      const parsed = schema.safeParse(body);
      if (!parsed.success) return renderIdeaPage(res, ideaId, body, fieldErrors(parsed.error));
      try {
        await change(req, ideaId, parsed.data);
      } catch (error) {
        if (!(error instanceof moderation.ModerationRefusedError)) throw error;
        return renderIdeaPage(res, ideaId, body, { [error.field ?? 'form']: error.messageKey });
      }
      setFlash(req, 'success', doneKey);
      res.redirect(303, localPathOr(body.returnTo, `/admin/ideas/${ideaId}`));
    });
  }

  const staffId = (req: Request) => req.user!.id;
  ideaAction('publish', noFields, (req, id) => moderation.publishIdea(db, staffId(req), id), 'moderation:done.published');
  ideaAction('hide', hideSchema, (req, id, form) => moderation.hideIdea(db, staffId(req), id, form.reason), 'moderation:done.hidden');
  ideaAction('dismiss-reports', noFields, (req, id) => moderation.dismissIdeaReports(db, staffId(req), id), 'moderation:done.dismissed');
  ideaAction('category', categoryChangeSchema, (req, id, form) => moderation.changeIdeaCategory(db, staffId(req), id, form.categoryId), 'moderation:done.category');
  ideaAction('move', pinMoveSchema, (req, id, form) => moderation.moveIdeaPin(db, services.cityBounds, staffId(req), id, form.latitude!, form.longitude!), 'moderation:done.moved');
  ideaAction('duplicate', duplicateSchema, (req, id, form) => moderation.markDuplicate(db, staffId(req), id, form.originalId), 'moderation:done.duplicate');
  ideaAction('duplicate/clear', noFields, (req, id) => moderation.clearDuplicate(db, staffId(req), id), 'moderation:done.duplicateCleared');
  ideaAction('comments/lock', noFields, (req, id) => moderation.setCommentsLocked(db, staffId(req), id, true), 'moderation:done.commentsLocked');
  ideaAction('comments/unlock', noFields, (req, id) => moderation.setCommentsLocked(db, staffId(req), id, false), 'moderation:done.commentsUnlocked');

  async function renderCommentPage(res: Response, commentId: number, values: Record<string, unknown> = {}, errors: Errors = {}) {
    const comment = await commentById(db, commentId);
    if (!comment || comment.deletedAt) throw notFound();
    res.status(Object.keys(errors).length ? 422 : 200).render('moderation/comment', {
      comment,
      idea: await ideaById(db, comment.ideaId),
      reports: await openReportsOfComment(db, commentId),
      values,
      errors,
    });
  }

  router.get('/admin/comments/:id', staffOnly, (req, res) => renderCommentPage(res, numericIdParam(req.params.id)));

  function commentAction<S extends z.ZodType>(path: string, schema: S, change: (req: Request, commentId: number, form: z.infer<S>) => Promise<number>, doneKey: string) {
    router.post(`/admin/comments/:id/${path}`, staffOnly, async (req, res) => {
      const commentId = numericIdParam(req.params.id);
      const body = req.body ?? {};
      const parsed = schema.safeParse(body);
      if (!parsed.success) return renderCommentPage(res, commentId, body, fieldErrors(parsed.error));
      try {
        await change(req, commentId, parsed.data);
      } catch (error) {
        if (!(error instanceof moderation.ModerationRefusedError)) throw error;
        return renderCommentPage(res, commentId, body, { form: error.messageKey });
      }
      setFlash(req, 'success', doneKey);
      res.redirect(303, localPathOr(body.returnTo, `/admin/comments/${commentId}`));
    });
  }

  commentAction('hide', hideSchema, (req, id, form) => moderation.hideComment(db, staffId(req), id, form.reason), 'moderation:done.commentHidden');
  commentAction('restore', noFields, (req, id) => moderation.restoreComment(db, staffId(req), id), 'moderation:done.commentRestored');
  commentAction('dismiss-reports', noFields, (req, id) => moderation.dismissCommentReports(db, staffId(req), id), 'moderation:done.dismissed');

  return router;
}
