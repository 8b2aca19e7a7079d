import type { Knex } from 'knex';

export interface PublicProfile {
  id: number;
  displayName: string;
  memberSince: Date;
}

export async function publicProfile(db: Knex, userId: number): Promise<PublicProfile | undefined> {
  return db('users').where({ id: userId }).whereNull('deleted_at').first('id', 'display_name as displayName', 'created_at as memberSince');
}

/** Published ideas of a person, newest first. */
export async function publicIdeasOf(db: Knex, userId: number, limit = 50) {
  return db('ideas')
    .where({ author_id: userId, visibility: 'published' })
    .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .limit(limit)
    .select('id', 'title', 'original_locale as originalLocale', 'status', 'created_at as createdAt');
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

export async function updateNotificationSettings(db: Knex, userId: number, settings: { notifyComments: boolean; notifyUpdates: boolean }): Promise<void> {
  await db('users').where({ id: userId }).update({ notify_comments: settings.notifyComments, notify_updates: settings.notifyUpdates, updated_at: db.fn.now() });
}

/** An unsubscribe link turns one kind of email off (the settings page turns it on again). */
export async function turnOffNotifications(db: Knex, userId: number, kind: 'comments' | 'updates'): Promise<void> {
  await db('users')
    .where({ id: userId })
    .update(kind === 'comments' ? { notify_comments: false } : { notify_updates: false });
}
