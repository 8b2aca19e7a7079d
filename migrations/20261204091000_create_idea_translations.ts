import type { Knex } from 'knex';

// A translation of an idea's title and description into one of the other languages.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_translations', (table) => {
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.text('locale').notNullable();
    table.text('title').notNullable();
    table.text('description').notNullable();
    table.bigInteger('translated_by').references('users.id').onDelete('set null');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['idea_id', 'locale']);
  });
  await knex.raw(`
    alter table idea_translations
      add constraint idea_translations_locale_check check (locale in ('lv', 'ru', 'en')),
      add constraint idea_translations_title_length check (char_length(title) between 1 and 120),
      add constraint idea_translations_description_length check (char_length(description) between 1 and 5000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_translations');
}
