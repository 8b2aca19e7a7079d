import type { Knex } from 'knex';

// The last comment each idea's followers were told about, and when: digests go at most hourly.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('comment_digests', (table) => {
    table.bigInteger('idea_id').primary().references('ideas.id').onDelete('cascade');
    table.bigInteger('last_comment_id').notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('comment_digests');
}
