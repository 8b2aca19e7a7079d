import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workshops', (table) => {
    table.bigIncrements('id');
    table.text('name').notNullable();
    table.bigInteger('consultation_id').notNullable().references('consultations.id').onDelete('restrict');
    table.bigInteger('created_by').references('users.id').onDelete('set null');
    table.date('held_on').notNullable();
    table.text('locale').notNullable();
    table.integer('dot_budget').notNullable();
    table.integer('max_dots_per_idea').notNullable();
    // Which ideas are voted on: those pinned in the workshop, the consultation's published ones, or a chosen set.
    table.text('ballot').notNullable().defaultTo('workshop');
    table.text('state').notNullable().defaultTo('draft');
    table.text('join_code').notNullable().unique();
    table.timestamp('closed_at', { useTz: true });
    table.timestamp('handed_off_at', { useTz: true });
    // Frozen at closing, so they outlive the participant rows.
    table.integer('result_participants');
    table.jsonb('result_age_groups');
    table.timestamp('participants_deleted_at', { useTz: true });
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    alter table workshops
      add constraint workshops_name_length check (char_length(name) between 1 and 120),
      add constraint workshops_locale_check check (locale in ('lv', 'ru', 'en')),
      add constraint workshops_dots_check check (dot_budget between 1 and 20 and max_dots_per_idea between 1 and dot_budget),
      add constraint workshops_ballot_check check (ballot in ('workshop', 'consultation', 'chosen')),
      add constraint workshops_state_check check (state in ('draft', 'open', 'voting', 'closed')),
      add constraint workshops_closed_check check ((state = 'closed') = (closed_at is not null)),
      add constraint workshops_join_code_check check (join_code ~ '^[A-HJ-NP-Z2-9]{6}$')`);
  await knex.raw('create index workshops_created_by on workshops (created_by)');
  await knex.raw(`create index workshops_closed_at on workshops (closed_at) where participants_deleted_at is null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('workshops');
}
