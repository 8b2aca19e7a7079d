import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('categories', (table) => {
    table.bigIncrements('id');
    table.text('slug').notNullable().unique();
    table.jsonb('name').notNullable();
    // Marker shape and colour, so a category is told apart without relying on colour alone.
    table.text('icon').notNullable();
    table.text('color').notNullable();
    table.integer('position').notNullable().defaultTo(0);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('categories');
}
