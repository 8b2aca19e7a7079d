import type { Knex } from 'knex';

// Why a moderator hid an idea (shown to its author), and the idea it duplicates, if any.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table ideas
      add column hidden_reason text,
      add column duplicate_of_id bigint references ideas (id) on delete set null,
      add constraint ideas_hidden_reason_length check (hidden_reason is null or char_length(hidden_reason) <= 1000),
      add constraint ideas_not_duplicate_of_itself check (duplicate_of_id is null or duplicate_of_id <> id)`);
  await knex.raw('create index ideas_duplicate_of on ideas (duplicate_of_id) where duplicate_of_id is not null');
  // The moderation queue lists pending ideas newest first.
  await knex.raw(`create index ideas_pending_created on ideas (created_at desc) where visibility = 'pending'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table ideas drop column duplicate_of_id, drop column hidden_reason');
}
