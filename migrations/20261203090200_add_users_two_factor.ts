import type { Knex } from 'knex';

// TOTP second factor: the shared secret, when it was turned on, and the last time step used
// (a code is refused if its step is not later, so a code cannot be replayed).
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column totp_secret text');
  await knex.raw('alter table users add column totp_enabled_at timestamptz');
  await knex.raw('alter table users add column totp_last_step bigint');
  await knex.raw('alter table users add constraint users_totp_check check (totp_enabled_at is null or totp_secret is not null)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_totp_check');
  await knex.raw('alter table users drop column totp_last_step');
  await knex.raw('alter table users drop column totp_enabled_at');
  await knex.raw('alter table users drop column totp_secret');
}
