import type { Knex } from 'knex';

// Addresses (keyed hashes of the network) from which an account logged in with the right
// password: there the per-account login delay never applies.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('known_login_addresses', (table) => {
    table.bigInteger('user_id').notNullable().references('users.id').onDelete('cascade');
    table.text('address_hash').notNullable();
    table.timestamp('last_login_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['user_id', 'address_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('known_login_addresses');
}
