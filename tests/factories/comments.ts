import type { Knex } from 'knex';

let sequence = 0;

/**
 * A comment with escaping traps in its body, unless told otherwise. The idea's `comment_count`
 * moves with it in the same transaction, as `addComment` does: a comment counts until it is
 * deleted (a hidden one still counts).
 */
export async function buildComment(
  db: Knex,
  overrides: { ideaId: number; authorId: number; body?: string; parentId?: number; hiddenAt?: Date; deletedAt?: Date; createdAt?: Date },
): Promise<number> {
  sequence += 1;
  return db.transaction(async (trx) => {
    const [row] = await trx('comments')
      .insert({
        idea_id: overrides.ideaId,
        author_id: overrides.authorId,
        parent_id: overrides.parentId ?? null,
        // A deleted comment keeps no text, as markCommentDeleted leaves it.
        body: overrides.body ?? (overrides.deletedAt ? '' : `Comment ${sequence} <script>alert("c")</script> =HYPERLINK("http://evil","x")`),
        hidden_at: overrides.hiddenAt ?? null,
        deleted_at: overrides.deletedAt ?? null,
        ...(overrides.createdAt ? { created_at: overrides.createdAt } : {}),
      })
      .returning('id');
    if (!overrides.deletedAt) await trx('ideas').where({ id: overrides.ideaId }).increment('comment_count', 1);
    return row.id;
  });
}
