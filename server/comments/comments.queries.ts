import type { Knex } from 'knex';
import { lockIdeaReading } from '../ideas/ideas.queries';

export interface CommentView {
  id: number;
  ideaId: number;
  parentId: number | null;
  authorId: number | null;
  authorName: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  /** Why a moderator hid it; shown to its author and staff only. */
  hiddenReason: string | null;
}

export interface CommentThread extends CommentView {
  replies: CommentView[];
}

const commentColumns = [
  'comments.id',
  'comments.idea_id as ideaId',
  'comments.parent_id as parentId',
  'comments.author_id as authorId',
  'users.display_name as authorName',
  'comments.body',
  'comments.created_at as createdAt',
  'comments.edited_at as editedAt',
  'comments.deleted_at as deletedAt',
  'comments.hidden_at as hiddenAt',
  'comments.hidden_reason as hiddenReason',
];

function commentsWithAuthors(db: Knex) {
  return db('comments').leftJoin('users', 'users.id', 'comments.author_id').select(commentColumns);
}

export async function commentById(db: Knex, id: number): Promise<CommentView | undefined> {
  return commentsWithAuthors(db).where('comments.id', id).first();
}

/** A page of top-level comments with all their replies (oldest reply first). */
export async function commentThreadsPage(
  db: Knex,
  ideaId: number,
  order: 'oldest' | 'newest',
  page: number,
  perPage: number,
): Promise<{ threads: CommentThread[]; topLevelCount: number }> {
  const [{ count }] = await db('comments').where({ idea_id: ideaId }).whereNull('parent_id').count({ count: '*' });
  const direction = order === 'newest' ? 'desc' : 'asc';
  const topLevel: CommentView[] = await commentsWithAuthors(db)
    .where('comments.idea_id', ideaId)
    .whereNull('comments.parent_id')
    .orderBy([{ column: 'comments.created_at', order: direction }, { column: 'comments.id', order: direction }])
    .limit(perPage)
    .offset((page - 1) * perPage);
  const replies: CommentView[] = topLevel.length
    ? await commentsWithAuthors(db)
        .whereIn(
          'comments.parent_id',
          topLevel.map((comment) => comment.id),
        )
        .orderBy([{ column: 'comments.created_at' }, { column: 'comments.id' }])
    : [];
  return {
    threads: topLevel.map((comment) => ({ ...comment, replies: replies.filter((reply) => reply.parentId === comment.id) })),
    topLevelCount: Number(count),
  };
}

export interface CommentTarget {
  visibility: string;
  commentsLocked: boolean;
  consultationPhase: string;
}

const withCommentColumns = (ideas: Knex.QueryBuilder) =>
  ideas
    .join('consultations', 'consultations.id', 'ideas.consultation_id')
    .select('ideas.visibility', 'ideas.comments_locked as commentsLocked', 'consultations.phase as consultationPhase');

export async function lockIdeaForComment(trx: Knex, ideaId: number): Promise<CommentTarget | undefined> {
  return lockIdeaReading<CommentTarget>(trx, ideaId, withCommentColumns);
}

export async function insertComment(trx: Knex, comment: { ideaId: number; authorId: number; parentId: number | null; body: string }): Promise<number> {
  const [row] = await trx('comments')
    .insert({ idea_id: comment.ideaId, author_id: comment.authorId, parent_id: comment.parentId, body: comment.body })
    .returning('id');
  return row.id;
}

export async function updateCommentBody(trx: Knex, id: number, body: string): Promise<void> {
  await trx('comments').where({ id }).update({ body, edited_at: trx.fn.now() });
}

/** The text goes; the row stays so that replies keep their place. */
export async function markCommentDeleted(trx: Knex, id: number): Promise<void> {
  await trx('comments').where({ id }).update({ body: '', deleted_at: trx.fn.now() });
}

/*
 * Writes and locks that other features make on comments (moderation, reports, erasure):
 * the comments table is written and locked only in this module.
 */

export interface LockedComment {
  id: number;
  ideaId: number;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  deletedAt: Date | null;
}

export async function lockComment(trx: Knex, commentId: number): Promise<LockedComment | undefined> {
  return trx('comments')
    .where({ id: commentId })
    .forUpdate()
    .first('id', 'idea_id as ideaId', 'hidden_at as hiddenAt', 'hidden_reason as hiddenReason', 'deleted_at as deletedAt');
}

/**
 * Hides a comment (it keeps the moment it was first hidden), with the moderator's reason when
 * one is given; or shows it again, without a reason.
 */
export async function setCommentHidden(trx: Knex, id: number, hidden: boolean, reason?: string): Promise<void> {
  const columns = hidden ? { hidden_at: trx.raw('coalesce(hidden_at, now())'), ...(reason === undefined ? {} : { hidden_reason: reason }) } : { hidden_at: null, hidden_reason: null };
  await trx('comments').where({ id }).update(columns);
}

/** An erased account's comments, when it asked for its content to go: as when a person deletes one. */
/** How many comments (not deleted) an author has under each idea. */
export async function liveCommentCountsOf(db: Knex, authorId: number): Promise<{ ideaId: number; count: number }[]> {
  const rows: { idea_id: number; count: number | string }[] = await db('comments')
    .where({ author_id: authorId })
    .whereNull('deleted_at')
    .groupBy('idea_id')
    .select('idea_id', db.raw('count(*)::int as count'));
  return rows.map((row) => ({ ideaId: Number(row.idea_id), count: Number(row.count) }));
}

export async function markCommentsOfAuthorDeleted(trx: Knex, authorId: number): Promise<void> {
  await trx('comments').where({ author_id: authorId }).whereNull('deleted_at').update({ body: '', deleted_at: trx.fn.now() });
}

/** The comments of an erased account stay, as by "a former participant". */
export async function detachCommentsFromAuthor(trx: Knex, authorId: number): Promise<void> {
  await trx('comments').where({ author_id: authorId }).update({ author_id: null });
}

export async function ideaIdOfComment(db: Knex, id: number): Promise<number | undefined> {
  const comment = await db('comments').where({ id }).first('idea_id');
  return comment?.idea_id;
}

/** Shown comments of an idea after the given one, oldest first, for the comment digest. */
export async function shownCommentsAfter(db: Knex, ideaId: number, afterId: number): Promise<{ id: number; authorId: number | null; body: string; authorName: string | null }[]> {
  return db('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .where('comments.idea_id', ideaId)
    .where('comments.id', '>', afterId)
    .whereNull('comments.deleted_at')
    .whereNull('comments.hidden_at')
    .orderBy('comments.id')
    .select('comments.id', 'comments.author_id as authorId', 'comments.body', 'users.display_name as authorName');
}
