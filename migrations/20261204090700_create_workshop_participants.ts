import type { Knex } from 'knex';

// No personal data beyond a nickname the participant chose and an age group, both optional.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshop_participants', (table) => {
    table.bigIncrements('id');
    table.bigInteger('workshop_id').notNullable().references('workshops.id').onDelete('cascade');
    table.text('nickname');
    table.text('age_group');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['id', 'workshop_id']);
    table.index(['workshop_id']);
  });
  await knex.raw(`
    alter table workshop_participants
      add constraint workshop_participants_nickname_length check (char_length(nickname) between 1 and 40),
      add constraint workshop_participants_age_group_check check (age_group in ('under_13', '13_15', '16_18', '19_25', 'over_25'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_participants');
}
