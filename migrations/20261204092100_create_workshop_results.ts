import type { Knex } from 'knex';

// Dots per idea frozen at closing: the results stay when participants are deleted, and stay
// readable (with the title as it was) if an idea is deleted later.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshop_results', (table) => {
    table.bigInteger('workshop_id').notNullable().references('workshops.id').onDelete('cascade');
    table.integer('position').notNullable();
    table.bigInteger('idea_id').references('ideas.id').onDelete('set null');
    table.text('idea_title').notNullable();
    table.text('category_slug').notNullable();
    table.double('latitude').notNullable();
    table.double('longitude').notNullable();
    table.boolean('pinned_here').notNullable();
    table.integer('dots').notNullable();
    table.primary(['workshop_id', 'position']);
  });
  await knex.raw('alter table workshop_results add constraint workshop_results_dots_check check (dots >= 0)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_results');
}
