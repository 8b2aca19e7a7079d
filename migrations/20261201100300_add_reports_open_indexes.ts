import type { Knex } from 'knex';

// The moderation queue reads the reports no moderator has dealt with yet.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index reports_open_ideas on reports (idea_id) where resolved_at is null and idea_id is not null');
  await knex.raw('create index reports_open_comments on reports (comment_id) where resolved_at is null and comment_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index reports_open_comments');
  await knex.raw('drop index reports_open_ideas');
}
