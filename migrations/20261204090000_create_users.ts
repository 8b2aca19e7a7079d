import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    table.bigIncrements('id');
    // Null only once the account is erased (users_erased_or_complete below).
    table.text('email');
    table.text('display_name');
    table.text('password_hash');
    table.text('preferred_locale').notNullable().defaultTo('lv');
    table.text('role').notNullable().defaultTo('resident');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('last_login_at', { useTz: true });
    table.boolean('notify_comments').notNullable().defaultTo(true);
    table.boolean('notify_updates').notNullable().defaultTo(true);
    // A blocked person cannot post, support or report; what they wrote stays until a moderator hides it.
    table.timestamp('blocked_at', { useTz: true });
    // Accounts confirm their email before they publish, comment or support.
    table.timestamp('email_verified_at', { useTz: true });
    // TOTP second factor: the shared secret, when it was turned on, and the last time step used
    // (a code is refused if its step is not later, so a code cannot be replayed).
    table.text('totp_secret');
    table.timestamp('totp_enabled_at', { useTz: true });
    table.bigInteger('totp_last_step');
    // An erased account keeps its row (so staff actions and foreign keys stay valid) but loses
    // everything that identifies the person: email, display name and password hash become null.
    table.timestamp('deleted_at', { useTz: true });
    // When the inactive-account warning was emailed; anonymising waits 30 days after it.
    table.timestamp('inactivity_warned_at', { useTz: true });
  });
  await knex.raw('create unique index users_email_unique on users (lower(email))');
  await knex.raw(`
    alter table users
      add constraint users_role_check check (role in ('resident', 'facilitator', 'moderator', 'admin')),
      add constraint users_locale_check check (preferred_locale in ('lv', 'ru', 'en')),
      add constraint users_display_name_length check (char_length(display_name) between 1 and 80),
      add constraint users_totp_check check (totp_enabled_at is null or totp_secret is not null),
      add constraint users_erased_or_complete check (
        (deleted_at is null and email is not null and display_name is not null and password_hash is not null)
        or (deleted_at is not null and email is null and display_name is null and password_hash is null))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
