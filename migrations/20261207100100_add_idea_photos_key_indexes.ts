import type { Knex } from 'knex';

// A photo request finds its idea by the file's key: without these, every one scanned idea_photos.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idea_photos', (table) => {
    table.unique(['large_key'], { indexName: 'idea_photos_large_key_unique' });
    table.unique(['thumbnail_key'], { indexName: 'idea_photos_thumbnail_key_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idea_photos', (table) => {
    table.dropUnique(['large_key'], 'idea_photos_large_key_unique');
    table.dropUnique(['thumbnail_key'], 'idea_photos_thumbnail_key_unique');
  });
}
