import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ideas', (table) => {
    table.bigIncrements('id');
    table.bigInteger('consultation_id').notNullable().references('consultations.id').onDelete('restrict');
    table.bigInteger('author_id').references('users.id').onDelete('set null');
    table.text('title').notNullable();
    table.text('description').notNullable();
    table.text('original_locale').notNullable();
    table.bigInteger('category_id').notNullable().references('categories.id').onDelete('restrict');
    table.specificType('neb_values', 'text[]').notNullable();
    // {"beautiful": "how it serves that value", …} for the values chosen.
    table.jsonb('neb_sentences').notNullable().defaultTo('{}');
    table.double('latitude').notNullable();
    table.double('longitude').notNullable();
    table.text('place_name');
    table.text('status').notNullable().defaultTo('new');
    // 'draft': kept for its author until they may publish; 'workshop': seen inside its workshop
    // only, until the facilitator hands it to moderation.
    table.text('visibility').notNullable().defaultTo('published');
    table.integer('support_count').notNullable().defaultTo(0);
    table.integer('comment_count').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.boolean('comments_locked').notNullable().defaultTo(false);
    // Why a moderator hid the idea (shown to its author), and the idea it duplicates, if any.
    table.text('hidden_reason');
    table.bigInteger('duplicate_of_id').references('ideas.id').withKeyName('ideas_duplicate_of_id_fkey').onDelete('set null');
    // Ideas pinned in a workshop keep the link after they are handed to moderation.
    table.bigInteger('workshop_id').references('workshops.id').onDelete('set null');
    table.bigInteger('workshop_participant_id').references('workshop_participants.id').onDelete('set null');
  });
  await knex.raw(`
    alter table ideas
      add constraint ideas_title_length check (char_length(title) between 1 and 120),
      add constraint ideas_description_length check (char_length(description) between 1 and 5000),
      add constraint ideas_locale_check check (original_locale in ('lv', 'ru', 'en')),
      add constraint ideas_neb_values_check check (
        cardinality(neb_values) >= 1 and neb_values <@ array['beautiful', 'sustainable', 'together']::text[]),
      add constraint ideas_latitude_check check (latitude between -90 and 90),
      add constraint ideas_longitude_check check (longitude between -180 and 180),
      add constraint ideas_status_check check (
        status in ('new', 'under_review', 'accepted', 'rejected', 'in_progress', 'implemented')),
      add constraint ideas_visibility_check check (visibility in ('draft', 'workshop', 'pending', 'published', 'hidden')),
      add constraint ideas_workshop_visibility_check check (visibility <> 'workshop' or workshop_id is not null),
      add constraint ideas_counts_check check (support_count >= 0 and comment_count >= 0),
      add constraint ideas_hidden_reason_length check (hidden_reason is null or char_length(hidden_reason) <= 1000),
      add constraint ideas_not_duplicate_of_itself check (duplicate_of_id is null or duplicate_of_id <> id)`);
  // Bounding-box queries of the map: a GiST index on the built-in point type, published ideas only.
  await knex.raw(`create index ideas_published_location on ideas using gist (point(longitude, latitude)) where visibility = 'published'`);
  await knex.raw(`create index ideas_consultation_created on ideas (consultation_id, created_at desc)`);
  await knex.raw(`create index ideas_author on ideas (author_id)`);
  // The list's three orders read the first page from an index instead of sorting every published idea.
  await knex.raw(`create index ideas_published_newest on ideas (created_at desc, id desc) where visibility = 'published'`);
  await knex.raw(`create index ideas_published_supported on ideas (support_count desc, created_at desc, id desc) where visibility = 'published'`);
  await knex.raw(`create index ideas_published_discussed on ideas (comment_count desc, created_at desc, id desc) where visibility = 'published'`);
  // The moderation queue lists pending ideas newest first.
  await knex.raw(`create index ideas_pending_created on ideas (created_at desc) where visibility = 'pending'`);
  await knex.raw('create index ideas_duplicate_of on ideas (duplicate_of_id) where duplicate_of_id is not null');
  await knex.raw('create index ideas_workshop on ideas (workshop_id) where workshop_id is not null');
  await knex.raw('create index ideas_workshop_participant on ideas (workshop_participant_id) where workshop_participant_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ideas');
}
