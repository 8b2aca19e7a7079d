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
    table.text('visibility').notNullable().defaultTo('published');
    table.integer('support_count').notNullable().defaultTo(0);
    table.integer('comment_count').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
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
      add constraint ideas_visibility_check check (visibility in ('pending', 'published', 'hidden')),
      add constraint ideas_counts_check check (support_count >= 0 and comment_count >= 0)`);
  // Bounding-box queries of the map: a GiST index on the built-in point type, published ideas only.
  await knex.raw(`create index ideas_published_location on ideas using gist (point(longitude, latitude)) where visibility = 'published'`);
  await knex.raw(`create index ideas_consultation_created on ideas (consultation_id, created_at desc)`);
  await knex.raw(`create index ideas_author on ideas (author_id)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('ideas');
}
