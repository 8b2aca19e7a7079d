import type { Knex } from 'knex';

// A blocked person cannot post, support or report; what they wrote stays until a moderator hides it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column blocked_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop column blocked_at');
}
