import type { Knex } from 'knex';

// Why a moderator hid a comment, shown to its author.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table comments
      add column hidden_reason text,
      add constraint comments_hidden_reason_length check (hidden_reason is null or char_length(hidden_reason) <= 1000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table comments drop column hidden_reason');
}
