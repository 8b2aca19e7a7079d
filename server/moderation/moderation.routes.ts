import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { resultRoles, staffRoles } from '../auth/roles';
import { requireRole } from '../http/access';
import { notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { localPathOr } from '../http/safe-redirect';
import { fieldErrors } from '../http/validation';
import { flashAndRedirect, handleForm, userOf, type FieldProblems } from '../http/forms';
import { numericIdParam, parseFiltersOr400 } from '../http/params';
import { mapAssets } from '../http/map-assets';
import { ideaById } from '../ideas/ideas.queries';
import { requireIdeaOnStaffPage, requireVisibleCommentIdea, requireVisibleIdea } from '../http/visible-idea';
import { allCategories } from '../categories/categories.queries';
import type { IdeaServices } from '../ideas/ideas.service';
import { commentById } from '../comments/comments.queries';
import { openReportsOfComment, openReportsOfIdea, queueComments, queueCounts, queueIdeas, queuePageSize } from './moderation.queries';
import { bulkSchema, categoryChangeSchema, duplicateSchema, hideSchema, pinMoveSchema, queueQuerySchema } from './moderation.schema';
import * as moderation from './moderation.service';
import { revisionsOfIdea } from '../ideas/idea-revisions.queries';
import { contactOfIdea, enteredByName } from '../assisted-entry/assisted-entry.queries';
import { maySeeResidentContacts } from '../assisted-entry/assisted-entry.policy';

// Actions that take nothing but the CSRF token (and where to go back to).
const noFields = z.object({});

export function moderationRoutes(services: IdeaServices): Router {
  const router = Router();
  const { db } = services;
  const staffOnly = requireRole(...staffRoles);
  const visibleItem = { ideas: requireVisibleIdea(db), comments: requireVisibleCommentIdea(db) };

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
    const { done, skipped } = await moderation.moderateInBulk(db, userOf(req).id, parsed.data.items, parsed.data.action, parsed.data.reason);
    setFlash(req, 'success', `moderation:bulk.done.${parsed.data.action}`, { done, skipped });
    res.redirect(303, returnTo);
  });

  /**
   * A decision on an idea or a comment: validates the form, runs the change, and goes back; a
   * problem (or a refusal, at its field) shows the item's page again with it.
   */
  function decision(
    kind: 'ideas' | 'comments',
    renderPage: (res: Response, id: number, values: Record<string, unknown>, errors: FieldProblems) => Promise<void>,
  ) {
    return <S extends z.ZodType>(path: string, schema: S, change: (req: Request, id: number, form: z.infer<S>) => Promise<unknown>, doneKey: string) =>
      router.post(`/admin/${kind}/:id/${path}`, staffOnly, visibleItem[kind], (req, res) => {
        const id = numericIdParam(req.params.id);
        return handleForm(req, res, {
          schema,
          run: (form) => change(req, id, form),
          again: (values, errors) => renderPage(res, id, values, errors),
          done: () => flashAndRedirect(req, res, doneKey, localPathOr(req.body?.returnTo, `/admin/${kind}/${id}`)),
        });
      });
  }

  async function renderIdeaPage(res: Response, ideaId: number, values: Record<string, unknown> = {}, errors: FieldProblems = {}) {
    const idea = await ideaById(db, ideaId);
    if (!idea) throw notFound();
    // Entered for a resident: who entered it, and the resident's contact for moderators and admins only.
    const person = userOf(res.req);
    const assisted = idea.enteredBy
      ? { enteredByName: await enteredByName(db, idea.enteredBy), contact: maySeeResidentContacts(person.role) ? await contactOfIdea(db, ideaId) : undefined }
      : undefined;
    res.status(Object.keys(errors).length ? 422 : 200).render('moderation/idea', {
      idea,
      assisted,
      original: idea.duplicateOfId ? await ideaById(db, idea.duplicateOfId) : undefined,
      reports: await openReportsOfIdea(db, ideaId),
      revisions: await revisionsOfIdea(db, ideaId),
      categories: await allCategories(db),
      values,
      errors,
      ...mapAssets(['location-picker.js']),
    });
  }

  // Planners read the page too (the view leaves out every action); its POST routes stay staffOnly.
  router.get('/admin/ideas/:id', requireRole(...resultRoles), requireIdeaOnStaffPage(db), (req, res) => renderIdeaPage(res, numericIdParam(req.params.id)));

  const staffId = (req: Request) => userOf(req).id;
  const ideaAction = decision('ideas', renderIdeaPage);
  ideaAction('publish', noFields, (req, id) => moderation.publishIdea(db, staffId(req), id), 'moderation:done.published');
  ideaAction('hide', hideSchema, (req, id, form) => moderation.hideIdea(db, staffId(req), id, form.reason), 'moderation:done.hidden');
  ideaAction('dismiss-reports', noFields, (req, id) => moderation.dismissIdeaReports(db, staffId(req), id), 'moderation:done.dismissed');
  ideaAction('category', categoryChangeSchema, (req, id, form) => moderation.changeIdeaCategory(db, staffId(req), id, form.categoryId), 'moderation:done.category');
  ideaAction('move', pinMoveSchema, (req, id, form) => moderation.moveIdeaPin(db, services.cityBounds, staffId(req), id, form.latitude!, form.longitude!), 'moderation:done.moved');
  ideaAction('duplicate', duplicateSchema, (req, id, form) => moderation.markDuplicate(db, staffId(req), id, form.originalId), 'moderation:done.duplicate');
  ideaAction('duplicate/clear', noFields, (req, id) => moderation.clearDuplicate(db, staffId(req), id), 'moderation:done.duplicateCleared');
  ideaAction('comments/lock', noFields, (req, id) => moderation.setCommentsLocked(db, staffId(req), id, true), 'moderation:done.commentsLocked');
  ideaAction('revisions/reviewed', noFields, (req, id) => moderation.reviewRevisions(db, staffId(req), id), 'moderation:done.revisionsReviewed');
  ideaAction('comments/unlock', noFields, (req, id) => moderation.setCommentsLocked(db, staffId(req), id, false), 'moderation:done.commentsUnlocked');

  async function renderCommentPage(res: Response, commentId: number, values: Record<string, unknown> = {}, errors: FieldProblems = {}) {
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

  router.get('/admin/comments/:id', staffOnly, visibleItem.comments, (req, res) => renderCommentPage(res, numericIdParam(req.params.id)));

  const commentAction = decision('comments', renderCommentPage);
  commentAction('hide', hideSchema, (req, id, form) => moderation.hideComment(db, staffId(req), id, form.reason), 'moderation:done.commentHidden');
  commentAction('restore', noFields, (req, id) => moderation.restoreComment(db, staffId(req), id), 'moderation:done.commentRestored');
  commentAction('dismiss-reports', noFields, (req, id) => moderation.dismissCommentReports(db, staffId(req), id), 'moderation:done.dismissed');

  return router;
}
