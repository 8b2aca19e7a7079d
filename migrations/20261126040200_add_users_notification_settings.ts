import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users add column notify_comments boolean not null default true');
  await knex.raw('alter table users add column notify_updates boolean not null default true');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop column notify_comments');
  await knex.raw('alter table users drop column notify_updates');
}
