import type { Knex } from 'knex';
import type { Request } from 'express';
import { commentingClosedReason, mayDeleteComment, mayEditComment } from './comments.policy';
import { commentTarget, commentThreadsPage } from './comments.queries';
import { commentPageQuerySchema } from './comments.schema';

export const commentsPerPage = 20;

/** Everything the idea page shows of its conversation, for the person looking at it. */
export async function commentSection(db: Knex, req: Request, ideaId: number) {
  const { comments: order, commentPage: page } = commentPageQuerySchema.parse(req.query);
  const { threads, topLevelCount } = await commentThreadsPage(db, ideaId, order, page, commentsPerPage);
  const target = await commentTarget(db, ideaId);
  return {
    order,
    page,
    pageCount: Math.max(1, Math.ceil(topLevelCount / commentsPerPage)),
    threads,
    closedReason: target ? commentingClosedReason(target) : 'comments:closed.notPublished',
    mayEdit: (comment: Parameters<typeof mayEditComment>[1]) => mayEditComment(req.user, comment),
    mayDelete: (comment: Parameters<typeof mayDeleteComment>[1]) => mayDeleteComment(req.user, comment),
  };
}
