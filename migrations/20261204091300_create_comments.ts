import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('comments', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.bigInteger('author_id').references('users.id').onDelete('set null');
    // One level of replies: a reply's parent is always a top-level comment.
    table.bigInteger('parent_id').references('comments.id').onDelete('cascade');
    table.text('body').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('edited_at', { useTz: true });
    table.timestamp('deleted_at', { useTz: true });
    // A comment reported by enough people is hidden until a moderator looks at it.
    table.timestamp('hidden_at', { useTz: true });
    // Why a moderator hid the comment, shown to its author.
    table.text('hidden_reason');
  });
  await knex.raw(`
    alter table comments
      add constraint comments_body_length check (char_length(body) <= 2000 and (deleted_at is not null or char_length(body) >= 1)),
      add constraint comments_hidden_reason_length check (hidden_reason is null or char_length(hidden_reason) <= 1000)`);
  await knex.raw('create index comments_idea_top_level on comments (idea_id, created_at) where parent_id is null');
  await knex.raw('create index comments_parent on comments (parent_id, created_at) where parent_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('comments');
}
