import type { Knex } from 'knex';

// What an author changed on an idea that visitors could already read (post-moderated
// consultations): the changed fields before and after, for moderators to look at afterwards.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idea_revisions', (table) => {
    table.bigIncrements('id');
    table.bigInteger('idea_id').notNullable().references('ideas.id').onDelete('cascade');
    table.bigInteger('editor_id').references('users.id').onDelete('set null');
    // {"title": …, "categoryId": …, "location": {…}, "photoIds": […], "translation": {…}}: only the fields that changed.
    table.jsonb('before').notNullable();
    table.jsonb('after').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Set when a moderator has looked at the change; until then the idea is marked "edited".
    table.timestamp('reviewed_at', { useTz: true });
    table.bigInteger('reviewed_by').references('users.id').onDelete('set null');
  });
  await knex.raw(`
    alter table idea_revisions
      add constraint idea_revisions_before_object check (jsonb_typeof(before) = 'object'),
      add constraint idea_revisions_after_object check (jsonb_typeof(after) = 'object')`);
  await knex.raw('create index idea_revisions_idea on idea_revisions (idea_id, created_at desc)');
  // The moderation queue's "edited" view and its count.
  await knex.raw('create index idea_revisions_unreviewed on idea_revisions (idea_id) where reviewed_at is null');
  await knex.raw('create index idea_revisions_editor on idea_revisions (editor_id) where editor_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idea_revisions');
}
