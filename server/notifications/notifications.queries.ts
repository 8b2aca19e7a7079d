import type { Knex } from 'knex';

/** The last digest sent about an idea: when, and up to which comment. */
export async function lastCommentDigest(db: Knex, ideaId: number): Promise<{ last_comment_id: number; sent_at: Date } | undefined> {
  return db('comment_digests').where({ idea_id: ideaId }).first('last_comment_id', 'sent_at');
}

export async function recordCommentDigest(db: Knex, ideaId: number, lastCommentId: number): Promise<void> {
  await db('comment_digests').insert({ idea_id: ideaId, last_comment_id: lastCommentId, sent_at: db.fn.now() }).onConflict('idea_id').merge();
}
