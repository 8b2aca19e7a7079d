import type { Request } from 'express';
import { commentingClosedReason, mayDeleteComment, mayEditComment } from './comments.policy';
import type { CommentTarget, CommentThread } from './comments.queries';
import { commentPageQuerySchema } from './comments.schema';

export const commentsPerPage = 20;

/** Which page of the conversation, in which order, the idea page asks for. */
export function commentPageAsked(req: Request) {
  const { comments: order, commentPage: page } = commentPageQuerySchema.parse(req.query);
  return { order, page };
}

/**
 * Everything the idea page shows of its conversation, for the person looking at it: the threads
 * are the same for everyone (they come from memory), what this person may do with them is not.
 */
export function commentSection(
  req: Request,
  asked: ReturnType<typeof commentPageAsked>,
  { threads, topLevelCount }: { threads: CommentThread[]; topLevelCount: number },
  target: CommentTarget,
) {
  return {
    ...asked,
    pageCount: Math.max(1, Math.ceil(topLevelCount / commentsPerPage)),
    threads,
    closedReason: commentingClosedReason(target),
    mayEdit: (comment: Parameters<typeof mayEditComment>[1]) => mayEditComment(req.user, comment),
    mayDelete: (comment: Parameters<typeof mayDeleteComment>[1]) => mayDeleteComment(req.user, comment),
  };
}
