import type { Knex } from 'knex';

// The road from an accepted idea to a built place: dated milestones with texts in one or more
// languages, an optional progress, photos, and the photos staff mark "before" and "after".
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_milestones', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    // An erased staff account keeps its row (anonymised), so the milestone stays "by a former staff member".
    table.bigInteger('created_by').references('users.id').onDelete('set null');
    table.text('kind').notNullable();
    // Only for kind 'other': the staff's own name of the step, in one or more languages.
    table.jsonb('label');
    table.date('happened_on').notNullable();
    // {"lv": …, "ru": …, "en": …}, at least one.
    table.jsonb('text').notNullable();
    table.integer('progress');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['idea_id', 'happened_on']);
    table.index(['created_by']);
  });
  await knex.raw(`alter table idea_milestones add constraint idea_milestones_kind check (kind in ('planned', 'designed', 'budget_approved', 'works_started', 'opened', 'other'))`);
  await knex.raw('alter table idea_milestones add constraint idea_milestones_progress check (progress between 0 and 100)');
  await knex.raw(`alter table idea_milestones add constraint idea_milestones_label check ((kind = 'other') = (label is not null))`);

  await knex.schema.createTable('idea_milestone_photos', (table) => {
    table.bigIncrements('id');
    table.bigInteger('milestone_id').notNullable().references('idea_milestones.id').onDelete('cascade');
    // Kept beside the milestone's: the triggers and the marks name the idea directly.
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.integer('position').notNullable();
    table.text('large_key').notNullable();
    table.text('thumbnail_key').notNullable();
    table.integer('width').notNullable();
    table.integer('height').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.unique(['milestone_id', 'position']);
    table.index(['idea_id']);
  });

  // One "before" and one "after" per idea: before is one of the idea's own photos or a
  // milestone's, after is always a milestone's.
  await knex.schema.createTable('idea_result_photos', (table) => {
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.text('mark').notNullable();
    table.bigInteger('idea_photo_id').references('idea_photos.id').onDelete('cascade');
    table.bigInteger('milestone_photo_id').references('idea_milestone_photos.id').onDelete('cascade');
    table.bigInteger('marked_by').references('users.id').onDelete('set null');
    table.timestamp('marked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.primary(['idea_id', 'mark']);
  });
  await knex.raw(`alter table idea_result_photos add constraint idea_result_photos_mark check (mark in ('before', 'after'))`);
  await knex.raw('alter table idea_result_photos add constraint idea_result_photos_one_photo check ((idea_photo_id is null) <> (milestone_photo_id is null))');
  await knex.raw(`alter table idea_result_photos add constraint idea_result_photos_after_from_milestone check (mark = 'before' or milestone_photo_id is not null)`);

  // Announced like the other rows of an idea's page, and to the lists (/results shows them).
  for (const table of ['idea_milestones', 'idea_milestone_photos', 'idea_result_photos']) {
    await knex.raw(`create trigger ${table}_insert_public_change after insert on ${table} referencing new table as new_rows for each statement execute function idea_rows_announce_public_change('listed')`);
    await knex.raw(`create trigger ${table}_update_public_change after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function idea_rows_announce_public_change('listed')`);
    await knex.raw(`create trigger ${table}_delete_public_change after delete on ${table} referencing old table as old_rows for each statement execute function idea_rows_announce_public_change('listed')`);
    await knex.raw(`create trigger ${table}_truncate_public_change after truncate on ${table} for each statement execute function everything_announce_public_change()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_result_photos');
  await knex.schema.dropTable('idea_milestone_photos');
  await knex.schema.dropTable('idea_milestones');
}
