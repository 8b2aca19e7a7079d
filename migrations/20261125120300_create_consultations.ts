import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consultations', (table) => {
    table.bigIncrements('id');
    table.text('slug').notNullable().unique();
    // Texts are {"lv": …, "ru": …, "en": …}.
    table.jsonb('title').notNullable();
    table.jsonb('description').notNullable();
    // Optional GeoJSON Polygon; ideas outside it are refused.
    table.jsonb('area');
    table.date('starts_on').notNullable();
    table.date('ends_on').notNullable();
    table.text('phase').notNullable().defaultTo('collecting');
    table.text('moderation_mode').notNullable().defaultTo('post');
    table.integer('support_budget');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table consultations add constraint consultations_phase_check check (phase in ('collecting', 'voting', 'closed', 'results'))`);
  await knex.raw(`alter table consultations add constraint consultations_moderation_check check (moderation_mode in ('pre', 'post'))`);
  await knex.raw('alter table consultations add constraint consultations_dates_check check (ends_on >= starts_on)');
  await knex.raw('alter table consultations add constraint consultations_budget_check check (support_budget is null or support_budget > 0)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consultations');
}
