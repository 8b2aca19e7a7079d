import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reports', (table) => {
    table.bigIncrements('id');
    table.bigInteger('reporter_id').notNullable().references('users.id').onDelete('cascade');
    table.bigInteger('idea_id').references('ideas.id').onDelete('cascade');
    table.bigInteger('comment_id').references('comments.id').onDelete('cascade');
    table.text('reason').notNullable();
    table.text('details');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Set when a moderator has dealt with the item.
    table.timestamp('resolved_at', { useTz: true });
  });
  await knex.raw(`
    alter table reports
      add constraint reports_one_target check ((idea_id is null) <> (comment_id is null)),
      add constraint reports_reason_check check (reason in ('spam', 'offensive', 'personal_data', 'off_topic', 'other')),
      add constraint reports_details_length check (details is null or char_length(details) <= 500)`);
  // One report per person per item.
  await knex.raw('create unique index reports_one_per_idea on reports (reporter_id, idea_id) where idea_id is not null');
  await knex.raw('create unique index reports_one_per_comment on reports (reporter_id, comment_id) where comment_id is not null');
  // The moderation queue reads the reports no moderator has dealt with yet.
  await knex.raw('create index reports_open_ideas on reports (idea_id) where resolved_at is null and idea_id is not null');
  await knex.raw('create index reports_open_comments on reports (comment_id) where resolved_at is null and comment_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('reports');
}
