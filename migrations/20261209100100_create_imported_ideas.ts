import type { Knex } from 'knex';

/*
 * Which ideas came from an import, by a fingerprint of their title, description and place: the
 * primary key makes a row already imported into a consultation impossible to import twice, so
 * a corrected file adds only its fixed rows. Deleting the idea frees its fingerprint.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('imported_ideas', (table) => {
    table.bigInteger('consultation_id').notNullable().references('consultations.id').onDelete('cascade');
    table.text('fingerprint').notNullable();
    table.bigInteger('idea_id').notNullable().unique().references('ideas.id').onDelete('cascade');
    table.bigInteger('import_id').notNullable().references('idea_imports.id').onDelete('cascade');
    table.primary(['consultation_id', 'fingerprint']);
    table.index(['import_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('imported_ideas');
}
