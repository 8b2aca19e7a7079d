import type { Knex } from 'knex';

/*
 * Where an idea came from: typed online by its author, or entered for a resident by a volunteer
 * or staff (paper form, phone call, library or community centre, event), or pinned in a youth
 * workshop. Ideas entered for others keep who entered them and when the resident's consent to
 * publishing was recorded; the event's name goes with the 'event' channel (an import from an
 * event uses the same two columns).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ideas', (table) => {
    table.text('channel').notNullable().defaultTo('online');
    table.text('event_name');
    table.bigInteger('entered_by').references('users.id').withKeyName('ideas_entered_by_fkey').onDelete('set null');
    table.timestamp('consent_recorded_at', { useTz: true });
    // A place given as a paper form's grid square: the square's centre, shown as approximate.
    table.boolean('location_approximate').notNullable().defaultTo(false);
  });
  await knex.raw(`update ideas set channel = 'workshop' where workshop_id is not null`);
  await knex.raw(`
    alter table ideas
      add constraint ideas_channel_check check (channel in ('online', 'paper', 'phone', 'library', 'event', 'workshop')),
      add constraint ideas_event_name_check check (
        (channel = 'event') = (event_name is not null) and (event_name is null or char_length(event_name) between 1 and 120)),
      add constraint ideas_assisted_consent_check check (
        channel not in ('paper', 'phone', 'library', 'event') or consent_recorded_at is not null)`);
  await knex.raw('create index ideas_entered_by on ideas (entered_by) where entered_by is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('ideas', (table) => {
    table.dropColumn('location_approximate');
    table.dropColumn('consent_recorded_at');
    table.dropColumn('entered_by');
    table.dropColumn('event_name');
    table.dropColumn('channel');
  });
}
