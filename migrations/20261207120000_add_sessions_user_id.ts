import type { Knex } from 'knex';

/*
 * Whose session it is, kept by PostgreSQL beside the JSON the session library writes: every
 * logged-in request joins the account on it, and ending an account's sessions finds them by
 * its index, instead of both parsing every session's JSON. A value the app never writes (not a
 * whole number) gives no user rather than a failed cast.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table sessions add column user_id bigint generated always as (
      case when (sess -> 'passport' ->> 'user') ~ '^[0-9]{1,18}$' then (sess -> 'passport' ->> 'user')::bigint end
    ) stored`);
  await knex.raw('create index sessions_user_id_index on sessions (user_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (table) => {
    table.dropIndex(['user_id'], 'sessions_user_id_index');
    table.dropColumn('user_id');
  });
}
