import type { Knex } from 'knex';

// The phases in which residents may support ideas; collecting and voting unless a consultation says otherwise.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table consultations add column support_phases text[] not null default array['collecting', 'voting']::text[]`);
  await knex.raw(
    `alter table consultations add constraint consultations_support_phases_check check (support_phases <@ array['collecting', 'voting', 'closed', 'results']::text[])`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table consultations drop column support_phases');
}
