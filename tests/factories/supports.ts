import type { Knex } from 'knex';

/** A support, with the idea's `support_count` raised in the same transaction, as `supportIdea` does. */
export async function buildSupport(db: Knex, support: { ideaId: number; userId: number; createdAt?: Date }): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('supports').insert({ idea_id: support.ideaId, user_id: support.userId, ...(support.createdAt ? { created_at: support.createdAt } : {}) });
    await trx('ideas').where({ id: support.ideaId }).increment('support_count', 1);
  });
}
