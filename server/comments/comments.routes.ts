import { Router, type Response } from 'express';
import type { Knex } from 'knex';
import { requireActiveAccount, requireLogin, requireVerifiedEmail } from '../http/access';
import { forbidden, notFound } from '../http/errors';
import { setFlash } from '../http/flash';
import { flashAndRedirect, handleForm, userOf, type FieldProblems, type Refusal } from '../http/forms';
import { numericIdParam } from '../http/params';
import { ideaById } from '../ideas/ideas.queries';
import { requireVisibleCommentIdea, requireVisibleIdea } from '../http/visible-idea';
import { mayEditComment } from './comments.policy';
import { commentById } from './comments.queries';
import { editCommentSchema, newCommentSchema } from './comments.schema';
import { addComment, CommentingClosedError, deleteComment, editComment } from './comments.service';

async function renderCommentForm(db: Knex, res: Response, options: { ideaId: number; action: string; body: string; parentId?: unknown; errors: FieldProblems }) {
  const idea = await ideaById(db, options.ideaId);
  if (!idea) throw notFound();
  res.status(422).render('comments/form', { idea, ...options });
}

/** Commenting closed meanwhile: back to the idea's comments with the reason. */
const closedRefusal = (ideaId: number): Refusal => ({ error: CommentingClosedError, redirect: () => `/ideas/${ideaId}#comments` });

export function commentRoutes(db: Knex): Router {
  const router = Router();
  const visibleIdea = requireVisibleIdea(db);
  const visibleComment = requireVisibleCommentIdea(db);

  router.post('/ideas/:id/comments', visibleIdea, requireActiveAccount, requireVerifiedEmail, async (req, res) => {
    const ideaId = numericIdParam(req.params.id);
    await handleForm(req, res, {
      schema: newCommentSchema,
      run: (form) => addComment(db, userOf(req).id, ideaId, form),
      again: (values, errors) => renderCommentForm(db, res, { ideaId, action: `/ideas/${ideaId}/comments`, body: String(values.body ?? ''), parentId: values.parentId, errors }),
      done: (commentId) => flashAndRedirect(req, res, 'comments:done.added', `/ideas/${ideaId}#comment-${commentId}`),
      refused: closedRefusal(ideaId),
    });
  });

  router.get('/comments/:id/edit', visibleComment, requireActiveAccount, async (req, res) => {
    const comment = await commentById(db, numericIdParam(req.params.id));
    if (!comment) throw notFound();
    if (!mayEditComment(req.user, comment)) throw forbidden();
    const idea = await ideaById(db, comment.ideaId);
    res.render('comments/form', { idea, action: `/comments/${comment.id}/edit`, body: comment.body, errors: {} });
  });

  router.post('/comments/:id/edit', visibleComment, requireActiveAccount, async (req, res) => {
    const commentId = numericIdParam(req.params.id);
    const comment = await commentById(db, commentId);
    if (!comment) throw notFound();
    await handleForm(req, res, {
      schema: editCommentSchema,
      run: (form) => editComment(db, userOf(req), commentId, form.body),
      again: (values, errors) => renderCommentForm(db, res, { ideaId: comment.ideaId, action: `/comments/${commentId}/edit`, body: String(values.body ?? ''), errors }),
      done: () => flashAndRedirect(req, res, 'comments:done.edited', `/ideas/${comment.ideaId}#comment-${commentId}`),
      refused: closedRefusal(comment.ideaId),
    });
  });

  router.post('/comments/:id/delete', visibleComment, requireLogin, async (req, res) => {
    const commentId = numericIdParam(req.params.id);
    const ideaId = await deleteComment(db, userOf(req), commentId);
    setFlash(req, 'success', 'comments:done.deleted');
    res.redirect(303, `/ideas/${ideaId}#comment-${commentId}`);
  });

  return router;
}
