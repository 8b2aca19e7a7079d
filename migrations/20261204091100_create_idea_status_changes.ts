import type { Knex } from 'knex';

// The public history of an idea's status, with the municipality's official answers.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_status_changes', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.bigInteger('changed_by').references('users.id').onDelete('set null');
    table.text('from_status').notNullable();
    table.text('to_status').notNullable();
    // {"lv": …, "ru": …, "en": …}, any of them; null when the change came without an answer.
    table.jsonb('answer');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['idea_id', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_status_changes');
}
