import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (table) => {
    table.bigIncrements('id');
    table.text('email').notNullable();
    table.text('display_name').notNullable();
    table.text('password_hash').notNullable();
    table.text('preferred_locale').notNullable().defaultTo('lv');
    table.text('role').notNullable().defaultTo('resident');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('last_login_at', { useTz: true });
  });
  await knex.raw('create unique index users_email_unique on users (lower(email))');
  await knex.raw(`alter table users add constraint users_role_check check (role in ('resident', 'moderator', 'admin'))`);
  await knex.raw(`alter table users add constraint users_locale_check check (preferred_locale in ('lv', 'ru', 'en'))`);
  await knex.raw('alter table users add constraint users_display_name_length check (char_length(display_name) between 1 and 80)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}
