import type { Knex } from 'knex';

// Neighbourhoods and landmarks a person can choose instead of pointing at the map.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('places', (table) => {
    table.bigIncrements('id');
    table.text('slug').notNullable().unique();
    table.text('kind').notNullable();
    table.jsonb('name').notNullable();
    table.double('latitude').notNullable();
    table.double('longitude').notNullable();
  });
  await knex.raw(`alter table places add constraint places_kind_check check (kind in ('neighbourhood', 'landmark'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('places');
}
