import type { Knex } from 'knex';
import { AppError, forbidden, notFound } from '../http/errors';
import { commentingClosedReason, mayDeleteComment, mayEditComment } from './comments.policy';
import { adjustIdeaCounter } from '../ideas/ideas.queries';
import { commentById, insertComment, lockIdeaForComment, markCommentDeleted, updateCommentBody } from './comments.queries';
import type { NewComment } from './comments.schema';
import { enqueueCommentDigest } from '../notifications/comment-digest';

export class CommentingClosedError extends AppError {
  constructor(messageKey: string) {
    super(409, 'commenting_closed', messageKey);
  }
}

/**
 * Adds a comment and counts it in the same transaction. A reply to a reply is attached to
 * the top-level comment it belongs to: one level of replies, and no answer is lost.
 */
export async function addComment(db: Knex, authorId: number, ideaId: number, comment: NewComment): Promise<number> {
  return db.transaction(async (trx) => {
    const target = await lockIdeaForComment(trx, ideaId);
    if (!target) throw notFound();
    const closed = commentingClosedReason(target);
    if (closed) throw new CommentingClosedError(closed);
    let parentId: number | null = null;
    if (comment.parentId) {
      const parent = await commentById(trx, comment.parentId);
      if (!parent || parent.ideaId !== ideaId) throw notFound();
      parentId = parent.parentId ?? parent.id;
    }
    const id = await insertComment(trx, { ideaId, authorId, parentId, body: comment.body });
    await adjustIdeaCounter(trx, 'comment_count', [ideaId], 1);
    await enqueueCommentDigest(trx, ideaId);
    return id;
  });
}

export async function editComment(db: Knex, person: Express.User, commentId: number, body: string): Promise<number> {
  return db.transaction(async (trx) => {
    const comment = await commentById(trx, commentId);
    if (!comment) throw notFound();
    if (!mayEditComment(person, comment)) throw forbidden();
    const target = await lockIdeaForComment(trx, comment.ideaId);
    const closed = target && commentingClosedReason(target);
    if (closed) throw new CommentingClosedError(closed);
    await updateCommentBody(trx, commentId, body);
    return comment.ideaId;
  });
}

export async function deleteComment(db: Knex, person: Express.User, commentId: number): Promise<number> {
  return db.transaction(async (trx) => {
    const comment = await commentById(trx, commentId);
    if (!comment) throw notFound();
    if (!mayDeleteComment(person, comment)) throw forbidden();
    await lockIdeaForComment(trx, comment.ideaId);
    await markCommentDeleted(trx, commentId);
    await adjustIdeaCounter(trx, 'comment_count', [comment.ideaId], -1);
    return comment.ideaId;
  });
}
