import type { Knex } from 'knex';

// The list's three orders read the first page from an index instead of sorting every published idea.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index ideas_published_newest on ideas (created_at desc, id desc) where visibility = 'published'`);
  await knex.raw(`create index ideas_published_supported on ideas (support_count desc, created_at desc, id desc) where visibility = 'published'`);
  await knex.raw(`create index ideas_published_discussed on ideas (comment_count desc, created_at desc, id desc) where visibility = 'published'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index ideas_published_newest');
  await knex.raw('drop index ideas_published_supported');
  await knex.raw('drop index ideas_published_discussed');
}
