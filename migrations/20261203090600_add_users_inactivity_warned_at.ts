import type { Knex } from 'knex';

// When the inactive-account warning was emailed; anonymising waits 30 days after it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column inactivity_warned_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop column inactivity_warned_at');
}
