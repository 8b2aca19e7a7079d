import type { Knex } from 'knex';
import type { IdeaStatus } from '../ideas/ideas.schema';

export interface StatusHistoryEntry {
  id: number;
  fromStatus: IdeaStatus;
  toStatus: IdeaStatus;
  answer: Partial<Record<'lv' | 'ru' | 'en', string>> | null;
  createdAt: Date;
}

export async function statusHistory(db: Knex, ideaId: number): Promise<StatusHistoryEntry[]> {
  return db('idea_status_changes')
    .where({ idea_id: ideaId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'from_status as fromStatus', 'to_status as toStatus', 'answer', 'created_at as createdAt');
}

/** A status change with its idea's title, for the email to followers. */
export async function statusChangeForEmail(
  db: Knex,
  changeId: number,
): Promise<{ ideaId: number; title: string; status: IdeaStatus; answer: Partial<Record<string, string>> | null } | undefined> {
  return db('idea_status_changes')
    .join('ideas', 'ideas.id', 'idea_status_changes.idea_id')
    .where('idea_status_changes.id', changeId)
    .first('ideas.id as ideaId', 'ideas.title', 'idea_status_changes.to_status as status', 'idea_status_changes.answer');
}

/** Records a status change (with the official answer, when staff gave one); returns its id. */
export async function insertStatusChange(
  trx: Knex,
  change: { ideaId: number; changedBy: number; fromStatus: IdeaStatus; toStatus: IdeaStatus; answer: Partial<Record<string, string>> | null },
): Promise<number> {
  const [row] = await trx('idea_status_changes')
    .insert({
      idea_id: change.ideaId,
      changed_by: change.changedBy,
      from_status: change.fromStatus,
      to_status: change.toStatus,
      answer: change.answer ? JSON.stringify(change.answer) : null,
    })
    .returning('id');
  return row.id;
}
