import type { Knex } from 'knex';

// The accessibility statement and privacy notice as edited by admins, per language. Without
// a row the text shipped in locales/<lang>/statements.json is shown.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('statements', (table) => {
    table.text('kind').notNullable();
    table.text('locale').notNullable();
    table.text('body').notNullable();
    table.date('reviewed_on').notNullable();
    table.bigInteger('updated_by').references('users.id').onDelete('set null');
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['kind', 'locale']);
  });
  await knex.raw(`
    alter table statements
      add constraint statements_kind_check check (kind in ('accessibility', 'privacy')),
      add constraint statements_locale_check check (locale in ('lv', 'ru', 'en')),
      add constraint statements_body_length check (char_length(body) between 1 and 20000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('statements');
}
