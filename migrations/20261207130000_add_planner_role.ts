import type { Knex } from 'knex';

/* Planners assess ideas and follow them to the built place; they neither moderate nor manage people. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('resident', 'facilitator', 'planner', 'moderator', 'admin'))");
}

export async function down(knex: Knex): Promise<void> {
  const planner = await knex('users').where({ role: 'planner' }).first('id');
  if (planner) throw new Error('some accounts are planners: give them another role before removing the planner role');
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('resident', 'facilitator', 'moderator', 'admin'))");
}
