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
    // The phases in which residents may support ideas; collecting and voting unless a consultation says otherwise.
    table.specificType('support_phases', 'text[]').notNullable().defaultTo(knex.raw(`array['collecting', 'voting']::text[]`));
  });
  await knex.raw(`
    alter table consultations
      add constraint consultations_phase_check check (phase in ('collecting', 'voting', 'closed', 'results')),
      add constraint consultations_moderation_check check (moderation_mode in ('pre', 'post')),
      add constraint consultations_dates_check check (ends_on >= starts_on),
      add constraint consultations_budget_check check (support_budget is null or support_budget > 0),
      add constraint consultations_support_phases_check check (support_phases <@ array['collecting', 'voting', 'closed', 'results']::text[])`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consultations');
}
