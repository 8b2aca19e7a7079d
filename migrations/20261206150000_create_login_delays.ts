import type { Knex } from 'knex';

// Wrong-password counters behind the growing login delays: one row per (account, address) pair
// and one per account, keyed by hashes so that the table holds no email address or IP address.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_delays', (table) => {
    table.text('key').primary();
    table.integer('failures').notNullable().defaultTo(0);
    table.timestamp('last_failure_at', { useTz: true }).index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_delays');
}
