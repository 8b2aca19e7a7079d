import type { Knex } from 'knex';

// Facilitators run youth workshops; they are not moderators.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check check (role in ('resident', 'facilitator', 'moderator', 'admin'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check check (role in ('resident', 'moderator', 'admin'))`);
}
