import type { Knex } from 'knex';

// Ideas pinned in a workshop keep the link after they are handed to moderation.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ideas', (table) => {
    table.bigInteger('workshop_id').references('workshops.id').onDelete('set null');
    table.bigInteger('workshop_participant_id').references('workshop_participants.id').onDelete('set null');
  });
  await knex.raw(`alter table ideas add constraint ideas_workshop_visibility_check check (visibility <> 'workshop' or workshop_id is not null)`);
  await knex.raw('create index ideas_workshop on ideas (workshop_id) where workshop_id is not null');
  await knex.raw('create index ideas_workshop_participant on ideas (workshop_participant_id) where workshop_participant_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table ideas drop constraint ideas_workshop_visibility_check');
  await knex.schema.alterTable('ideas', (table) => {
    table.dropColumn('workshop_participant_id');
    table.dropColumn('workshop_id');
  });
}
