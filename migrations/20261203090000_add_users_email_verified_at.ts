import type { Knex } from 'knex';

// Accounts confirm their email before they publish, comment or support. Accounts that
// predate verification are taken as verified: they were created under the old rules.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column email_verified_at timestamptz');
  await knex.raw('update users set email_verified_at = created_at');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop column email_verified_at');
}
