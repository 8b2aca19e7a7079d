import type { Knex } from 'knex';

/** A person following an idea (no counter keeps follows). */
export async function buildFollow(db: Knex, follow: { userId: number; ideaId: number }): Promise<void> {
  await db('follows').insert({ user_id: follow.userId, idea_id: follow.ideaId });
}
