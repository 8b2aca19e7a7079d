import type { Knex } from 'knex';

// Work done outside requests (emails); a job survives restarts until it is done.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('jobs', (table) => {
    table.bigIncrements('id');
    table.text('kind').notNullable();
    table.jsonb('payload').notNullable();
    // Jobs that must not pile up (one comment digest per idea) share a key while pending.
    table.text('dedupe_key');
    table.timestamp('run_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.integer('attempts').notNullable().defaultTo(0);
    table.text('last_error');
    table.timestamp('done_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index jobs_due on jobs (run_at) where done_at is null');
  await knex.raw('create unique index jobs_pending_dedupe on jobs (dedupe_key) where done_at is null and dedupe_key is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('jobs');
}
