import type { Knex } from 'knex';

// One row per participant's open live stream, whichever app process serves it, so the caps per
// participant and per workshop hold across processes. A process refreshes seen_at of its own
// streams while they are open; rows of a process that died go stale and stop counting.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshop_streams', (table) => {
    table.bigIncrements('id');
    table.bigInteger('workshop_id').notNullable();
    table.bigInteger('participant_id').notNullable();
    table.timestamp('seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // A participant removed (or deleted after the retention period) loses their streams with them.
    table.foreign(['participant_id', 'workshop_id']).references(['id', 'workshop_id']).inTable('workshop_participants').onDelete('cascade');
    table.index(['workshop_id', 'participant_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshop_streams');
}
