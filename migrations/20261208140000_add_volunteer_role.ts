import type { Knex } from 'knex';

/* Volunteers enter ideas on residents' behalf (paper, phone, library, events) and do nothing else. */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('resident', 'volunteer', 'facilitator', 'planner', 'moderator', 'admin'))");
}

export async function down(knex: Knex): Promise<void> {
  const volunteer = await knex('users').where({ role: 'volunteer' }).first('id');
  if (volunteer) throw new Error('some accounts are volunteers: give them another role before removing the volunteer role');
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw("alter table users add constraint users_role_check check (role in ('resident', 'facilitator', 'planner', 'moderator', 'admin'))");
}
