import type { Knex } from 'knex';

// The ideas a facilitator chose for the ballot, when the workshop's ballot is 'chosen'.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshop_ballot_ideas', (table) => {
    table.bigInteger('workshop_id').notNullable().references('workshops.id').onDelete('cascade');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.primary(['workshop_id', 'idea_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_ballot_ideas');
}
