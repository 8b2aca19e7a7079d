import type { Knex } from 'knex';

/*
 * What a logged-in request reads with its session (the session row, the account, and on an idea's
 * page the person's supports and follows) is kept per process (server/auth/session-cache.ts).
 * Every committed change to those rows is announced as 'user:<id>' on the channel of public
 * changes (20261205090000), so each process drops that person's sessions: a logout, a block, a role
 * or a name taken back, a support or a follow, through any process or a psql session. A truncate
 * announces 'users' (everyone's). Expired sessions removed by housekeeping announce nothing: no
 * process keeps an expired session.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function person_announce_change() returns trigger language plpgsql as $$
    declare
      people bigint[];
    begin
      if tg_op = 'TRUNCATE' then
        perform announce_public_change(array['users']);
        return null;
      end if;
      if tg_table_name = 'users' then
        people := array[case when tg_op = 'DELETE' then old.id else new.id end];
      elsif tg_table_name = 'sessions' then
        if tg_op = 'DELETE' and old.expired <= now() then
          return null;
        end if;
        people := array_remove(array[case when tg_op <> 'INSERT' then old.user_id end, case when tg_op <> 'DELETE' then new.user_id end], null);
      end if;
      perform announce_public_change(array(select distinct 'user:' || person from unnest(people) as person where person is not null));
      return null;
    end $$`);
  await knex.raw('create trigger sessions_person_change after insert or update or delete on sessions for each row execute function person_announce_change()');
  await knex.raw('create trigger sessions_truncate_person_change after truncate on sessions for each statement execute function person_announce_change()');
  // A login's own columns (last_login_at …) are not read with a session.
  await knex.raw(`
    create trigger users_person_change after update of email, display_name, role, preferred_locale, blocked_at, email_verified_at, totp_enabled_at, deleted_at
      or delete on users for each row execute function person_announce_change()`);
  // Supports and follows per statement: an idea deleted with its 300 supporters is one announcement.
  await knex.raw(`
    create function person_rows_announce_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform announce_public_change(array(select distinct 'user:' || user_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform announce_public_change(array(select distinct 'user:' || user_id from old_rows));
      else
        perform announce_public_change(array(select distinct 'user:' || user_id from (select user_id from old_rows union select user_id from new_rows) as people));
      end if;
      return null;
    end $$`);
  for (const table of ['supports', 'follows']) {
    await knex.raw(`create trigger ${table}_insert_person_change after insert on ${table} referencing new table as new_rows for each statement execute function person_rows_announce_change()`);
    await knex.raw(`create trigger ${table}_update_person_change after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function person_rows_announce_change()`);
    await knex.raw(`create trigger ${table}_delete_person_change after delete on ${table} referencing old table as old_rows for each statement execute function person_rows_announce_change()`);
    await knex.raw(`create trigger ${table}_truncate_person_change after truncate on ${table} for each statement execute function person_announce_change()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['supports', 'follows']) {
    for (const event of ['truncate', 'delete', 'update', 'insert']) await knex.raw(`drop trigger ${table}_${event}_person_change on ${table}`);
  }
  await knex.raw('drop function person_rows_announce_change()');
  await knex.raw('drop trigger users_person_change on users');
  await knex.raw('drop trigger sessions_truncate_person_change on sessions');
  await knex.raw('drop trigger sessions_person_change on sessions');
  await knex.raw('drop function person_announce_change()');
}
