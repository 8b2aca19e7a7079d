import type { Knex } from 'knex';
import { recordAction } from '../audit/audit';
import { AppError, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { enqueueJob } from '../jobs/jobs.queries';
import { consultationById } from '../consultations/consultations.queries';
import { categoryById } from '../categories/categories.queries';
import { locationProblem, type Bounds } from '../ideas/location';
import { lockIdeaState, lockIdeasInIdOrder, setIdeaCommentsLocked, setDuplicateOf, setIdeaCategory, setIdeaLocation, setIdeaVisibility, type LockedIdea } from '../ideas/ideas.queries';
import { lockComment, setCommentHidden } from '../comments/comments.queries';
import { resolveOpenReports } from '../reports/reports.queries';
import { duplicateChain } from './moderation.queries';
import { markRevisionsReviewed } from '../ideas/idea-revisions.queries';
import { duplicateProblem, mayDecideIdea } from './moderation.policy';

/** A decision that does not fit the item's state, or a value it cannot take; nothing changed. */
export class ModerationRefusedError extends FormError {
  constructor(messageKey: string, field = 'form') {
    super({ [field]: messageKey }, { status: 409, code: 'moderation_refused', messageKey });
  }
}

/** A named change that owns its transaction (a savepoint when called inside another one, as in bulk). */
const operation =
  <A extends unknown[], R>(body: (trx: Knex, ...args: A) => Promise<R>) =>
  (db: Knex, ...args: A): Promise<R> =>
    db.transaction((trx) => body(trx, ...args));

async function lockedIdea(trx: Knex, ideaId: number): Promise<LockedIdea> {
  const idea = await lockIdeaState(trx, ideaId);
  if (!idea) throw notFound();
  return idea;
}

/** Tells the author by email, in their language, after the transaction commits. */
async function tellAuthor(trx: Knex, idea: LockedIdea, decision: 'published' | 'hidden', reason?: string) {
  if (idea.authorId === null) return;
  await enqueueJob(trx, 'moderation_decision', { ideaId: idea.id, decision, reason: reason ?? null });
}

/** Publishes a pending idea, or restores a hidden one; its open reports are dealt with. */
export const publishIdea = operation(async (trx, staffId: number, ideaId: number): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  if (!mayDecideIdea('publish', idea.visibility)) throw new ModerationRefusedError('moderation:refused.publish');
  await setIdeaVisibility(trx, { id: ideaId }, { to: 'published', hiddenReason: null });
  const reportsResolved = await resolveOpenReports(trx, { ideaId });
  await tellAuthor(trx, idea, 'published');
  await recordAction(trx, staffId, idea.visibility === 'pending' ? 'idea.published' : 'idea.restored', { type: 'idea', id: ideaId }, {
    before: { visibility: idea.visibility, hiddenReason: idea.hiddenReason },
    after: { visibility: 'published', reportsResolved },
  });
});

export const hideIdea = operation(async (trx, staffId: number, ideaId: number, reason: string): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  if (!mayDecideIdea('hide', idea.visibility)) throw new ModerationRefusedError('moderation:refused.hide');
  await setIdeaVisibility(trx, { id: ideaId }, { to: 'hidden', hiddenReason: reason });
  const reportsResolved = await resolveOpenReports(trx, { ideaId });
  await tellAuthor(trx, idea, 'hidden', reason);
  await recordAction(trx, staffId, 'idea.hidden', { type: 'idea', id: ideaId }, {
    reason,
    before: { visibility: idea.visibility },
    after: { visibility: 'hidden', reportsResolved },
  });
});

/** The reports were unfounded: the idea stays as it is and leaves the queue. */
export const dismissIdeaReports = operation(async (trx, staffId: number, ideaId: number): Promise<void> => {
  await lockedIdea(trx, ideaId);
  const reportsResolved = await resolveOpenReports(trx, { ideaId });
  await recordAction(trx, staffId, 'idea.reports_dismissed', { type: 'idea', id: ideaId }, { after: { reportsResolved } });
});

export const changeIdeaCategory = operation(async (trx, staffId: number, ideaId: number, categoryId: number): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  if (!(await categoryById(trx, categoryId))) throw new ModerationRefusedError('moderation:validation.category', 'categoryId');
  await setIdeaCategory(trx, ideaId, categoryId);
  await recordAction(trx, staffId, 'idea.category_changed', { type: 'idea', id: ideaId }, { before: { categoryId: idea.categoryId }, after: { categoryId } });
});

/** Moves a misplaced pin; the same area rule as for the resident who placed it. */
export const moveIdeaPin = operation(async (trx, cityBounds: Bounds, staffId: number, ideaId: number, latitude: number, longitude: number): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  const consultation = await consultationById(trx, idea.consultationId);
  const problem = locationProblem(consultation?.area ?? null, cityBounds, latitude, longitude);
  if (problem) throw new ModerationRefusedError(problem, 'location');
  await setIdeaLocation(trx, ideaId, latitude, longitude);
  await recordAction(trx, staffId, 'idea.moved', { type: 'idea', id: ideaId }, {
    before: { latitude: idea.latitude, longitude: idea.longitude },
    after: { latitude, longitude },
  });
});

/**
 * Marks an idea a duplicate of an original; supports stay with each. Every idea of the
 * original's chain is locked, so two moderators cannot close a loop at the same moment.
 */
export const markDuplicate = operation(async (trx, staffId: number, ideaId: number, originalId: number): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  const chain = await duplicateChain(trx, originalId);
  if (!chain.length) throw new ModerationRefusedError('moderation:validation.originalMissing', 'originalId');
  await lockIdeasInIdOrder(trx, chain);
  const problem = duplicateProblem(ideaId, await duplicateChain(trx, originalId));
  if (problem) throw new ModerationRefusedError(problem, 'originalId');
  await setDuplicateOf(trx, ideaId, originalId);
  await recordAction(trx, staffId, 'idea.marked_duplicate', { type: 'idea', id: ideaId }, {
    before: { duplicateOfId: idea.duplicateOfId },
    after: { duplicateOfId: originalId },
  });
});

export const clearDuplicate = operation(async (trx, staffId: number, ideaId: number): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  if (idea.duplicateOfId === null) return;
  await setDuplicateOf(trx, ideaId, null);
  await recordAction(trx, staffId, 'idea.duplicate_cleared', { type: 'idea', id: ideaId }, {
    before: { duplicateOfId: idea.duplicateOfId },
    after: { duplicateOfId: null },
  });
});

export const setCommentsLocked = operation(async (trx, staffId: number, ideaId: number, locked: boolean): Promise<void> => {
  const idea = await lockedIdea(trx, ideaId);
  if (idea.commentsLocked === locked) return;
  await setIdeaCommentsLocked(trx, ideaId, locked);
  await recordAction(trx, staffId, locked ? 'idea.comments_locked' : 'idea.comments_unlocked', { type: 'idea', id: ideaId }, {
    before: { commentsLocked: idea.commentsLocked },
    after: { commentsLocked: locked },
  });
});

/** A moderator has looked at what the author changed after publication: the idea is no longer marked "edited". */
export const reviewRevisions = operation(async (trx, staffId: number, ideaId: number): Promise<void> => {
  await lockedIdea(trx, ideaId);
  const reviewed = await markRevisionsReviewed(trx, ideaId, staffId);
  if (!reviewed) throw new ModerationRefusedError('moderation:refused.noRevisions');
  await recordAction(trx, staffId, 'idea.revisions_reviewed', { type: 'idea', id: ideaId }, { after: { revisionsReviewed: reviewed } });
});

async function lockedComment(trx: Knex, commentId: number) {
  const comment = await lockComment(trx, commentId);
  if (!comment || comment.deletedAt) throw notFound();
  return comment;
}

export const hideComment = operation(async (trx, staffId: number, commentId: number, reason: string): Promise<number> => {
  const comment = await lockedComment(trx, commentId);
  await setCommentHidden(trx, commentId, true, reason);
  const reportsResolved = await resolveOpenReports(trx, { commentId });
  await recordAction(trx, staffId, 'comment.hidden', { type: 'comment', id: commentId }, {
    reason,
    before: { hidden: Boolean(comment.hiddenAt), hiddenReason: comment.hiddenReason },
    after: { hidden: true, reportsResolved },
  });
  return comment.ideaId;
});

export const restoreComment = operation(async (trx, staffId: number, commentId: number): Promise<number> => {
  const comment = await lockedComment(trx, commentId);
  if (!comment.hiddenAt) throw new ModerationRefusedError('moderation:refused.restoreComment');
  await setCommentHidden(trx, commentId, false);
  const reportsResolved = await resolveOpenReports(trx, { commentId });
  await recordAction(trx, staffId, 'comment.restored', { type: 'comment', id: commentId }, {
    before: { hidden: true, hiddenReason: comment.hiddenReason },
    after: { hidden: false, reportsResolved },
  });
  return comment.ideaId;
});

export const dismissCommentReports = operation(async (trx, staffId: number, commentId: number): Promise<number> => {
  const comment = await lockedComment(trx, commentId);
  const reportsResolved = await resolveOpenReports(trx, { commentId });
  await recordAction(trx, staffId, 'comment.reports_dismissed', { type: 'comment', id: commentId }, { after: { reportsResolved } });
  return comment.ideaId;
});

export interface BulkOutcome {
  done: number;
  skipped: number;
}

/**
 * Publishes (or restores) or hides every selected idea and comment in one transaction.
 * Items whose state the decision does not fit are skipped and counted, not failed.
 */
export async function moderateInBulk(db: Knex, staffId: number, items: string[], action: 'publish' | 'hide', reason?: string): Promise<BulkOutcome> {
  return db.transaction(async (trx) => {
    const outcome: BulkOutcome = { done: 0, skipped: 0 };
    for (const item of new Set(items)) {
      const [kind, id] = [item.split(':')[0], Number(item.split(':')[1])];
      try {
        if (kind === 'idea') await (action === 'publish' ? publishIdea(trx, staffId, id) : hideIdea(trx, staffId, id, reason!));
        else await (action === 'publish' ? restoreComment(trx, staffId, id) : hideComment(trx, staffId, id, reason!));
        outcome.done += 1;
      } catch (error) {
        if (!(error instanceof ModerationRefusedError) && !(error instanceof AppError && error.status === 404)) throw error;
        outcome.skipped += 1;
      }
    }
    return outcome;
  });
}
