import type { Knex } from 'knex';

// Published assessments show on the idea's page and filter the public list: every write to
// neb_assessments announces the idea's scope and the lists, with the functions of
// 20261205090000_create_public_change_triggers.
const events: ['insert' | 'update' | 'delete', string][] = [
  ['insert', 'referencing new table as new_rows'],
  ['update', 'referencing old table as old_rows new table as new_rows'],
  ['delete', 'referencing old table as old_rows'],
];

export async function up(knex: Knex): Promise<void> {
  for (const [event, referencing] of events) {
    await knex.raw(`create trigger neb_assessments_${event}_public_change after ${event} on neb_assessments ${referencing} for each statement execute function idea_rows_announce_public_change('listed')`);
  }
  await knex.raw('create trigger neb_assessments_truncate_public_change after truncate on neb_assessments for each statement execute function everything_announce_public_change()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger neb_assessments_truncate_public_change on neb_assessments');
  for (const [event] of events) await knex.raw(`drop trigger neb_assessments_${event}_public_change on neb_assessments`);
}
