import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_photos', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.integer('position').notNullable();
    // Keys in the upload store (local disk now, S3-compatible later).
    table.text('large_key').notNullable();
    table.text('thumbnail_key').notNullable();
    table.integer('width').notNullable();
    table.integer('height').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['idea_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_photos');
}
