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
