import type { Knex } from 'knex';

/*
 * A file of ideas gathered at an event, between its dry run and its confirmation: the parsed
 * rows are kept here (not in a process's memory) so that any process behind the load balancer
 * can show the dry run again and confirm it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_imports', (table) => {
    table.bigIncrements('id').primary();
    table.bigInteger('consultation_id').notNullable().references('consultations.id').onDelete('cascade');
    table.bigInteger('created_by').references('users.id').onDelete('set null');
    table.text('event_name').notNullable();
    table.text('file_name').notNullable();
    table.text('file_hash').notNullable();
    table.jsonb('rows').notNullable();
    table.integer('row_count').notNullable();
    table.text('state').notNullable().defaultTo('checked');
    table.integer('imported_count');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('imported_at', { useTz: true });
    table.index(['created_at']);
  });
  await knex.raw(`
    alter table idea_imports
      add constraint idea_imports_state check (state in ('checked', 'imported')),
      add constraint idea_imports_imported check ((state = 'imported') = (imported_at is not null and imported_count is not null)),
      add constraint idea_imports_lengths check (
        char_length(event_name) between 1 and 120 and char_length(file_name) <= 255 and row_count between 0 and 10000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_imports');
}
