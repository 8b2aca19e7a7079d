import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('follows', (table) => {
    table.bigInteger('user_id').notNullable().references('users.id').onDelete('cascade');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['user_id', 'idea_id']);
    table.index(['idea_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('follows');
}
