import type { Knex } from 'knex';

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

export async function lockIdeaForComment(trx: Knex, ideaId: number): Promise<CommentTarget | undefined> {
  return trx('ideas')
    .join('consultations', 'consultations.id', 'ideas.consultation_id')
    .where('ideas.id', ideaId)
    .forUpdate('ideas')
    .first('ideas.visibility', 'ideas.comments_locked as commentsLocked', 'consultations.phase as consultationPhase');
}

export async function commentTarget(db: Knex, ideaId: number): Promise<CommentTarget | undefined> {
  return db('ideas')
    .join('consultations', 'consultations.id', 'ideas.consultation_id')
    .where('ideas.id', ideaId)
    .first('ideas.visibility', 'ideas.comments_locked as commentsLocked', 'consultations.phase as consultationPhase');
}

export async function insertComment(trx: Knex, comment: { ideaId: number; authorId: number; parentId: number | null; body: string }): Promise<number> {
  const [row] = await trx('comments')
    .insert({ idea_id: comment.ideaId, author_id: comment.authorId, parent_id: comment.parentId, body: comment.body })
    .returning('id');
  return row.id;
}

export async function changeCommentCount(trx: Knex, ideaId: number, delta: 1 | -1): Promise<void> {
  await trx('ideas')
    .where({ id: ideaId })
    .update({ comment_count: trx.raw('comment_count + ?', [delta]) });
}

export async function updateCommentBody(trx: Knex, id: number, body: string): Promise<void> {
  await trx('comments').where({ id }).update({ body, edited_at: trx.fn.now() });
}

/** The text goes; the row stays so that replies keep their place. */
export async function markCommentDeleted(trx: Knex, id: number): Promise<void> {
  await trx('comments').where({ id }).update({ body: '', deleted_at: trx.fn.now() });
}

/** Hidden by enough reports until a moderator looks (a comment already hidden keeps its time). */
export async function hideCommentByReports(trx: Knex, id: number): Promise<void> {
  await trx('comments').where({ id }).whereNull('hidden_at').update({ hidden_at: trx.fn.now() });
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
