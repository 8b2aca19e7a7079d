import type { Knex } from 'knex';

export async function follow(db: Knex, userId: number, ideaId: number): Promise<void> {
  await db('follows').insert({ user_id: userId, idea_id: ideaId }).onConflict(['user_id', 'idea_id']).ignore();
}

export async function unfollow(db: Knex, userId: number, ideaId: number): Promise<void> {
  await db('follows').where({ user_id: userId, idea_id: ideaId }).delete();
}

export async function deleteFollowsOf(trx: Knex, userId: number): Promise<void> {
  await trx('follows').where({ user_id: userId }).delete();
}

/** Followers of an idea who want this kind of email, with their address and language. */
export async function followersWanting(db: Knex, ideaId: number, kind: 'comments' | 'updates'): Promise<{ id: number; email: string; locale: string }[]> {
  return db('follows')
    .join('users', 'users.id', 'follows.user_id')
    .where({ 'follows.idea_id': ideaId, [kind === 'comments' ? 'users.notify_comments' : 'users.notify_updates']: true })
    .select('users.id', 'users.email', 'users.preferred_locale as locale');
}
