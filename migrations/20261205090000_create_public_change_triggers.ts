import type { Knex } from 'knex';

// Every committed write that changes what visitors see is announced on the channel
// kopa_public_changes as '<version>|scope,scope,…' (server/cache/public-changes.ts), from the
// writing transaction itself, so that no code path (the app, the maintenance command, a psql
// session) can change a public answer without every process's caches hearing of it.
// Statement-level triggers with transition tables: a bulk update is one notification.

const withTransitionTables: [table: string, event: 'insert' | 'update' | 'delete', referencing: string][] = [];
for (const table of ['ideas', 'idea_photos', 'idea_translations', 'idea_status_changes', 'comments']) {
  withTransitionTables.push(
    [table, 'insert', 'referencing new table as new_rows'],
    [table, 'update', 'referencing old table as old_rows new table as new_rows'],
    [table, 'delete', 'referencing old table as old_rows'],
  );
}
const referenceTables = ['consultations', 'categories', 'places', 'statements'];
const truncatedMeansAll = ['ideas', 'idea_photos', 'idea_translations', 'idea_status_changes', 'comments', 'users'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create sequence public_change_seq');
  // Beyond 50 ideas a payload would grow long and caches would drop most entries anyway.
  await knex.raw(`
    create function announce_public_change(scopes text[]) returns void language plpgsql as $$
    begin
      if coalesce(cardinality(scopes), 0) = 0 then
        return;
      end if;
      perform pg_notify('kopa_public_changes', nextval('public_change_seq')::text || '|' || array_to_string(scopes, ','));
    end $$`);
  await knex.raw(`
    create function public_idea_scopes(idea_ids bigint[]) returns text[] language sql immutable as $$
      with ids as (select distinct id from unnest(idea_ids) as id where id is not null)
      select case when (select count(*) from ids) > 50 then array['all']
        else array(select 'idea:' || id from ids order by id) end
    $$`);

  // Ideas: their pages (and the pages of the ideas they duplicate or that duplicate them, which
  // show their titles), the lists when a published idea is involved, and the map points when
  // anything the map or its filters read changed on a published idea.
  await knex.raw(`
    create function ideas_announce_public_change() returns trigger language plpgsql as $$
    declare
      changed_ids bigint[];
      relinked_ids bigint[];
      linked_ids bigint[];
      listed boolean;
      mapped boolean;
    begin
      if tg_op = 'INSERT' then
        select array_agg(id) || array_agg(duplicate_of_id) filter (where duplicate_of_id is not null), bool_or(visibility = 'published')
          into changed_ids, listed from new_rows;
        mapped := listed;
      elsif tg_op = 'DELETE' then
        select array_agg(id) || array_agg(duplicate_of_id) filter (where duplicate_of_id is not null), bool_or(visibility = 'published')
          into changed_ids, listed from old_rows;
        mapped := listed;
      else
        -- No join of the two transition tables: the plan is cached from the first statement of
        -- the session, and a nested loop made for one row would be quadratic for a bulk update.
        select array_agg(id), bool_or(visibility = 'published') into changed_ids, listed from new_rows;
        listed := listed or exists (select 1 from old_rows where visibility = 'published');
        mapped := exists (
          select 1 from (
            (select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from new_rows
              except select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from old_rows)
            union all
            (select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from old_rows
              except select id, visibility, latitude, longitude, category_id, status, consultation_id, neb_values, title, description from new_rows)
          ) moved where visibility = 'published');
        if cardinality(changed_ids) <= 50 then
          select array_agg(id), array_agg(duplicate_of_id) filter (where duplicate_of_id is not null) into relinked_ids, linked_ids from (
            (select id, duplicate_of_id, title, visibility, original_locale from new_rows
              except select id, duplicate_of_id, title, visibility, original_locale from old_rows)
            union all
            (select id, duplicate_of_id, title, visibility, original_locale from old_rows
              except select id, duplicate_of_id, title, visibility, original_locale from new_rows)
          ) relinked;
          if relinked_ids is not null then
            changed_ids := changed_ids || linked_ids
              || array(select id from ideas where duplicate_of_id is not null and duplicate_of_id = any(relinked_ids));
          end if;
        end if;
      end if;
      perform announce_public_change(
        public_idea_scopes(changed_ids)
        || case when listed then array['ideas'] else array[]::text[] end
        || case when mapped then array['points'] else array[]::text[] end);
      return null;
    end $$`);

  // Rows shown on an idea's page (photos and translations also in the lists).
  await knex.raw(`
    create function idea_rows_announce_public_change() returns trigger language plpgsql as $$
    declare
      changed_ids bigint[];
    begin
      if tg_op = 'INSERT' then
        select array_agg(idea_id) into changed_ids from new_rows;
      elsif tg_op = 'DELETE' then
        select array_agg(idea_id) into changed_ids from old_rows;
      else
        select array_agg(idea_id) into changed_ids from (select idea_id from old_rows union select idea_id from new_rows) both_sides;
      end if;
      if changed_ids is null then
        return null;
      end if;
      perform announce_public_change(
        public_idea_scopes(changed_ids)
        || case when tg_argv[0] = 'listed' then array['ideas'] else array[]::text[] end);
      return null;
    end $$`);

  await knex.raw(`
    create function everything_announce_public_change() returns trigger language plpgsql as $$
    begin
      perform announce_public_change(array['all']);
      return null;
    end $$`);

  await knex.raw(`
    create function reference_announce_public_change() returns trigger language plpgsql as $$
    begin
      perform announce_public_change(array['reference']);
      return null;
    end $$`);

  // Names appear beside ideas and comments everywhere; renames and erasures are rare.
  await knex.raw(`
    create function users_announce_public_change() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' then
        perform announce_public_change(array['all']);
      elsif exists (select 1 from old_rows) then
        perform announce_public_change(array['all']);
      end if;
      return null;
    end $$`);

  // An idea pinned in a workshop names the workshop as its author.
  await knex.raw(`
    create function workshops_announce_public_change() returns trigger language plpgsql as $$
    begin
      perform announce_public_change(public_idea_scopes(array(select id from ideas where workshop_id = new.id)));
      return null;
    end $$`);

  for (const [table, event, referencing] of withTransitionTables) {
    const fn = table === 'ideas' ? 'ideas_announce_public_change()' : `idea_rows_announce_public_change('${['idea_photos', 'idea_translations'].includes(table) ? 'listed' : 'page'}')`;
    await knex.raw(`create trigger ${table}_${event}_public_change after ${event} on ${table} ${referencing} for each statement execute function ${fn}`);
  }
  for (const table of referenceTables) {
    await knex.raw(`create trigger ${table}_public_change after insert or update or delete or truncate on ${table} for each statement execute function reference_announce_public_change()`);
  }
  for (const table of truncatedMeansAll) {
    await knex.raw(`create trigger ${table}_truncate_public_change after truncate on ${table} for each statement execute function everything_announce_public_change()`);
  }
  // A login updates other columns of users and fires nothing.
  await knex.raw(`
    create trigger users_update_public_change after update of display_name on users
      for each row when (old.display_name is distinct from new.display_name) execute function users_announce_public_change()`);
  await knex.raw(`create trigger users_delete_public_change after delete on users referencing old table as old_rows for each statement execute function users_announce_public_change()`);
  await knex.raw(`
    create trigger workshops_update_public_change after update of name on workshops
      for each row when (old.name is distinct from new.name) execute function workshops_announce_public_change()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger workshops_update_public_change on workshops');
  await knex.raw('drop trigger users_delete_public_change on users');
  await knex.raw('drop trigger users_update_public_change on users');
  for (const table of truncatedMeansAll) await knex.raw(`drop trigger ${table}_truncate_public_change on ${table}`);
  for (const table of referenceTables) await knex.raw(`drop trigger ${table}_public_change on ${table}`);
  for (const [table, event] of withTransitionTables) await knex.raw(`drop trigger ${table}_${event}_public_change on ${table}`);
  for (const fn of ['workshops', 'users', 'reference', 'everything', 'idea_rows', 'ideas']) await knex.raw(`drop function ${fn}_announce_public_change()`);
  await knex.raw('drop function public_idea_scopes(bigint[])');
  await knex.raw('drop function announce_public_change(text[])');
  await knex.raw('drop sequence public_change_seq');
}
