import type { Knex } from 'knex';

// A comment reported by enough people is hidden until a moderator looks at it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table comments add column hidden_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table comments drop column hidden_at');
}
