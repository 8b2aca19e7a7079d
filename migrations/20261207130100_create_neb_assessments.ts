import type { Knex } from 'knex';

/*
 * A staff member's NEB Compass assessment of an idea: for each of the six elements a level
 * (0 not addressed, 1–3 the levels of ambition) and a short justification in the assessor's
 * language. Assessments stay internal until a staff member publishes those made so far.
 * The assessor's row stays when an account is erased (it is anonymised), so the assessment
 * stays too, shown as by "a former staff member".
 */
const elements = ['beautiful', 'sustainable', 'together', 'participatory', 'multilevel', 'transdisciplinary'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('neb_assessments', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.bigInteger('assessor_id').references('users.id').onDelete('set null');
    table.text('locale').notNullable();
    for (const element of elements) {
      table.smallint(`${element}_level`).notNullable();
      table.text(`${element}_justification`).notNullable().defaultTo('');
    }
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('published_at', { useTz: true });
    table.bigInteger('published_by').references('users.id').onDelete('set null');
    table.index(['idea_id', 'published_at']);
    table.index(['assessor_id']);
  });
  await knex.raw("alter table neb_assessments add constraint neb_assessments_locale_check check (locale in ('lv', 'ru', 'en'))");
  for (const element of elements) {
    await knex.raw(`alter table neb_assessments add constraint neb_assessments_${element}_level_check check (${element}_level between 0 and 3)`);
    await knex.raw(`alter table neb_assessments add constraint neb_assessments_${element}_justification_check check (char_length(${element}_justification) <= 1000)`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('neb_assessments');
}
