import type { Knex } from 'knex';

// 'draft': kept for its author until they may publish; 'workshop': seen inside its workshop
// only, until the facilitator hands it to moderation.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table ideas drop constraint ideas_visibility_check');
  await knex.raw(`alter table ideas add constraint ideas_visibility_check check (visibility in ('draft', 'workshop', 'pending', 'published', 'hidden'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table ideas drop constraint ideas_visibility_check');
  await knex.raw(`alter table ideas add constraint ideas_visibility_check check (visibility in ('pending', 'published', 'hidden'))`);
}
