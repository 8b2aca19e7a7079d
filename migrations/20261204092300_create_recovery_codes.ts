import type { Knex } from 'knex';

// One-time codes for logging in without the authenticator app; stored as argon2id hashes.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('recovery_codes', (table) => {
    table.bigIncrements('id');
    table.bigInteger('user_id').notNullable().references('users.id').onDelete('cascade');
    table.text('code_hash').notNullable();
    table.timestamp('used_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('recovery_codes');
}
