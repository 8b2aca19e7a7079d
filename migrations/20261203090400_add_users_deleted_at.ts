import type { Knex } from 'knex';

// An erased account keeps its row (so staff actions and foreign keys stay valid) but loses
// everything that identifies the person: email, display name and password hash become null.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column deleted_at timestamptz');
  await knex.raw('alter table users alter column email drop not null');
  await knex.raw('alter table users alter column display_name drop not null');
  await knex.raw('alter table users alter column password_hash drop not null');
  await knex.raw(`
    alter table users add constraint users_erased_or_complete check (
      (deleted_at is null and email is not null and display_name is not null and password_hash is not null)
      or (deleted_at is not null and email is null and display_name is null and password_hash is null))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_erased_or_complete');
  await knex.raw('delete from users where deleted_at is not null');
  await knex.raw('alter table users alter column email set not null');
  await knex.raw('alter table users alter column display_name set not null');
  await knex.raw('alter table users alter column password_hash set not null');
  await knex.raw('alter table users drop column deleted_at');
}
