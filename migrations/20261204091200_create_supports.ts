import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('supports', (table) => {
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.bigInteger('user_id').notNullable().references('users.id').onDelete('cascade');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // One support per person per idea, whatever the application does.
    table.primary(['idea_id', 'user_id']);
    table.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('supports');
}
