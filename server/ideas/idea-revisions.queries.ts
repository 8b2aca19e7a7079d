import type { Knex } from 'knex';
import { changedFields, revisedFieldOrder, type RevisedField, type RevisedFields } from './idea-revisions.fields';

export interface IdeaRevision {
  id: number;
  /** The fields it changed, in the order the moderation page shows them. */
  changed: RevisedField[];
  editorName: string | null;
  before: RevisedFields;
  after: RevisedFields;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewerName: string | null;
}

/**
 * Records an author's change of an idea visitors could read (the idea_revisions table is
 * written only here): the fields that changed, before and after; nothing when none did.
 */
export async function recordRevision(trx: Knex, revision: { ideaId: number; editorId: number; before: RevisedFields; after: RevisedFields }): Promise<void> {
  const changed = changedFields(revision.before, revision.after);
  if (!changed) return;
  await trx('idea_revisions').insert({
    idea_id: revision.ideaId,
    editor_id: revision.editorId,
    before: JSON.stringify(changed.before),
    after: JSON.stringify(changed.after),
  });
}

/** An idea's revisions, newest first (the last 50). */
export async function revisionsOfIdea(db: Knex, ideaId: number): Promise<IdeaRevision[]> {
  const rows: Omit<IdeaRevision, 'changed'>[] = await db('idea_revisions')
    .leftJoin('users as editors', 'editors.id', 'idea_revisions.editor_id')
    .leftJoin('users as reviewers', 'reviewers.id', 'idea_revisions.reviewed_by')
    .where('idea_revisions.idea_id', ideaId)
    .orderBy([{ column: 'idea_revisions.created_at', order: 'desc' }, { column: 'idea_revisions.id', order: 'desc' }])
    .limit(50)
    .select(
      'idea_revisions.id',
      'editors.display_name as editorName',
      'idea_revisions.before',
      'idea_revisions.after',
      'idea_revisions.created_at as createdAt',
      'idea_revisions.reviewed_at as reviewedAt',
      'reviewers.display_name as reviewerName',
    );
  return rows.map((row) => ({ ...row, changed: revisedFieldOrder.filter((field) => field in row.after) }));
}

/** Revisions of the outer query's idea (`ideas.id`) that no moderator has looked at yet, to test for with whereExists. */
export const unreviewedRevisionsOfListedIdea = (db: Knex) => db('idea_revisions').whereRaw('idea_revisions.idea_id = ideas.id').whereNull('idea_revisions.reviewed_at');

/** SQL text of the same test, for a select list or a count. */
export const hasUnreviewedRevisionSql = 'exists (select 1 from idea_revisions r where r.idea_id = ideas.id and r.reviewed_at is null)';

export const ideasWithUnreviewedRevisionsCountSql = '(select count(distinct idea_id) from idea_revisions where reviewed_at is null)::int';

/** Marks every revision of the idea as looked at; returns how many were waiting. */
export async function markRevisionsReviewed(trx: Knex, ideaId: number, reviewerId: number): Promise<number> {
  const rows = await trx('idea_revisions').where({ idea_id: ideaId }).whereNull('reviewed_at').update({ reviewed_at: trx.fn.now(), reviewed_by: reviewerId }).returning('id');
  return rows.length;
}

/** The changes a person made to published ideas, oldest first, for their own copy of their data. */
export async function revisionsBy(db: Knex, editorId: number): Promise<{ ideaId: number; before: RevisedFields; after: RevisedFields; createdAt: Date }[]> {
  return db('idea_revisions')
    .where({ editor_id: editorId })
    .orderBy('id')
    .select('idea_id as ideaId', 'before', 'after', 'created_at as createdAt');
}

/**
 * An erased person's earlier versions go: the ideas that stay show their current text as by
 * a former participant, and moderators lose only the before/after of that person's edits.
 */
export async function deleteRevisionsBy(trx: Knex, editorId: number): Promise<void> {
  await trx('idea_revisions').where({ editor_id: editorId }).delete();
}
