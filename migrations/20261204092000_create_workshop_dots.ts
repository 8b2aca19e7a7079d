import type { Knex } from 'knex';

// One row per participant and idea with the dots put on it; budgets are kept under a row lock
// on the participant (server/workshops/workshops.service.ts), the bounds here are a backstop.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshop_dots', (table) => {
    table.bigInteger('workshop_id').notNullable();
    table.bigInteger('participant_id').notNullable();
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.integer('dots').notNullable();
    table.primary(['participant_id', 'idea_id']);
    table.foreign(['participant_id', 'workshop_id']).references(['id', 'workshop_id']).inTable('workshop_participants').onDelete('cascade');
    table.index(['workshop_id', 'idea_id']);
  });
  await knex.raw('alter table workshop_dots add constraint workshop_dots_count_check check (dots between 1 and 20)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_dots');
}
