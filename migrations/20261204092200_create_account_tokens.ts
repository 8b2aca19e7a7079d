import type { Knex } from 'knex';

// Single-use links sent by email (verification, password reset). Only a hash of the secret
// part is stored, so a copy of the database cannot be used to open the links.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_tokens', (table) => {
    table.bigIncrements('id');
    table.bigInteger('user_id').notNullable().references('users.id').onDelete('cascade');
    table.text('purpose').notNullable();
    table.text('token_hash').notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('used_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['user_id', 'purpose']);
    table.index(['expires_at']);
  });
  await knex.raw(`alter table account_tokens add constraint account_tokens_purpose_check check (purpose in ('verify_email', 'reset_password'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('account_tokens');
}
