import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireLogin, requireVerifiedEmail } from '../http/access';
import { forbidden, notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { fieldErrors } from '../http/validation';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { mayEditComment } from './comments.policy';
import { commentById } from './comments.queries';
import { editCommentSchema, newCommentSchema } from './comments.schema';
import { addComment, CommentingClosedError, deleteComment, editComment } from './comments.service';

async function renderCommentForm(db: Knex, res: Response, options: { ideaId: number; action: string; body: string; parentId?: unknown; errors: Record<string, string> }) {
  const idea = await ideaById(db, options.ideaId);
  if (!idea) throw notFound();
  res.status(422).render('comments/form', { idea, ...options });
}

function closedToFlash(req: Request, res: Response, ideaId: number, error: unknown) {
  if (!(error instanceof CommentingClosedError)) throw error;
  setFlash(req, 'error', error.messageKey);
  res.redirect(303, `/ideas/${ideaId}#comments`);
}

export function commentRoutes(db: Knex): Router {
  const router = Router();

  router.post('/ideas/:id/comments', requireActiveAccount, requireVerifiedEmail, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    const parsed = newCommentSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      await renderCommentForm(db, res, { ideaId, action: `/ideas/${ideaId}/comments`, body: String(req.body?.body ?? ''), parentId: req.body?.parentId, errors: fieldErrors(parsed.error) });
      return;
    }
    try {
      const commentId = await addComment(db, req.user!.id, ideaId, parsed.data);
      setFlash(req, 'success', 'comments:done.added');
      res.redirect(303, `/ideas/${ideaId}#comment-${commentId}`);
    } catch (error) {
      closedToFlash(req, res, ideaId, error);
    }
  });

  router.get('/comments/:id/edit', requireActiveAccount, async (req, res) => {
    const comment = await commentById(db, numericIdParam(req.params.id));
    if (!comment) throw notFound();
    if (!mayEditComment(req.user, comment)) throw forbidden();
    const idea = await ideaById(db, comment.ideaId);
    res.render('comments/form', { idea, action: `/comments/${comment.id}/edit`, body: comment.body, errors: {} });
  });

  router.post('/comments/:id/edit', requireActiveAccount, async (req, res) => {
    const commentId = numericIdParam(req.params.id);
    const comment = await commentById(db, commentId);
    if (!comment) throw notFound();
    const parsed = editCommentSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      await renderCommentForm(db, res, { ideaId: comment.ideaId, action: `/comments/${commentId}/edit`, body: String(req.body?.body ?? ''), errors: fieldErrors(parsed.error) });
      return;
    }
    try {
      await editComment(db, req.user!, commentId, parsed.data.body);
      setFlash(req, 'success', 'comments:done.edited');
      res.redirect(303, `/ideas/${comment.ideaId}#comment-${commentId}`);
    } catch (error) {
      closedToFlash(req, res, comment.ideaId, error);
    }
  });

  router.post('/comments/:id/delete', requireLogin, async (req, res) => {
    const commentId = numericIdParam(req.params.id);
    const ideaId = await deleteComment(db, req.user!, commentId);
    setFlash(req, 'success', 'comments:done.deleted');
    res.redirect(303, `/ideas/${ideaId}#comment-${commentId}`);
  });

  return router;
}
