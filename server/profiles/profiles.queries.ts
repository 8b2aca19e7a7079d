import type { Knex } from 'knex';

export interface PublicProfile {
  id: number;
  displayName: string;
  memberSince: Date;
}

export async function publicProfile(db: Knex, userId: number): Promise<PublicProfile | undefined> {
  return db('users').where({ id: userId }).whereNull('deleted_at').first('id', 'display_name as displayName', 'created_at as memberSince');
}

/** Visible comments of a person on published ideas, newest first. */
export async function publicCommentsOf(db: Knex, userId: number, limit = 50) {
  return db('comments')
    .join('ideas', 'ideas.id', 'comments.idea_id')
    .where({ 'comments.author_id': userId, 'ideas.visibility': 'published' })
    .whereNull('comments.deleted_at')
    .whereNull('comments.hidden_at')
    .orderBy([{ column: 'comments.created_at', order: 'desc' }, { column: 'comments.id', order: 'desc' }])
    .limit(limit)
    .select('comments.id', 'comments.body', 'comments.created_at as createdAt', 'ideas.id as ideaId', 'ideas.title as ideaTitle');
}

export async function notificationSettings(db: Knex, userId: number): Promise<{ notifyComments: boolean; notifyUpdates: boolean }> {
  return db('users').where({ id: userId }).first('notify_comments as notifyComments', 'notify_updates as notifyUpdates');
}

