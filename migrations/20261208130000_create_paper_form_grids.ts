import type { Knex } from 'knex';

// The lettered grid printed on a consultation's paper form. Each grid is kept as printed, so a
// form printed before the consultation's area changed still reads right when it comes back.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('paper_form_grids', (table) => {
    table.bigIncrements('id');
    table.bigInteger('consultation_id').notNullable().references('consultations.id').onDelete('cascade');
    table.double('west').notNullable();
    table.double('south').notNullable();
    table.double('east').notNullable();
    table.double('north').notNullable();
    table.integer('columns').notNullable();
    table.integer('rows').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['consultation_id', 'west', 'south', 'east', 'north', 'columns', 'rows']);
  });
  await knex.raw('alter table paper_form_grids add constraint paper_form_grids_size check (columns between 1 and 26 and rows between 1 and 26)');
  await knex.raw('alter table paper_form_grids add constraint paper_form_grids_bounds check (west < east and south < north)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('paper_form_grids');
}
