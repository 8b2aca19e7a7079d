import type { Knex } from 'knex';

/*
 * Which key encrypts the account's TOTP secret (AES-256-GCM). Rows that still hold a plain
 * secret have none: the first start after this migration encrypts them (it has the key; a
 * migration does not), and from then on every secret carries its key id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (table) => {
    table.text('totp_key_id');
  });
  await knex.raw('alter table users add constraint users_totp_key_check check (totp_key_id is null or totp_secret is not null)');
}

export async function down(knex: Knex): Promise<void> {
  const encrypted = await knex('users').whereNotNull('totp_key_id').first('id');
  // Without the key column an encrypted secret could never be read again: refuse rather than lose every second factor.
  if (encrypted) throw new Error('users hold encrypted TOTP secrets: turn their second factor off before removing totp_key_id');
  await knex.schema.alterTable('users', (table) => {
    table.dropColumn('totp_key_id');
  });
}
