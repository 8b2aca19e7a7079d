import type { Knex } from 'knex';

export async function follow(db: Knex, userId: number, ideaId: number): Promise<void> {
  await db('follows').insert({ user_id: userId, idea_id: ideaId }).onConflict(['user_id', 'idea_id']).ignore();
}

export async function unfollow(db: Knex, userId: number, ideaId: number): Promise<void> {
  await db('follows').where({ user_id: userId, idea_id: ideaId }).delete();
}

export async function isFollowing(db: Knex, userId: number, ideaId: number): Promise<boolean> {
  return Boolean(await db('follows').where({ user_id: userId, idea_id: ideaId }).first('idea_id'));
}

export async function deleteFollowsOf(trx: Knex, userId: number): Promise<void> {
  await trx('follows').where({ user_id: userId }).delete();
}
