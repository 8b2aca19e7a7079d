import type { Knex } from 'knex';

// Photos kept in the database (PHOTO_STORE=database): one row per stored file (a large version
// or a thumbnail), under the same key the disk store uses as its file name. The content hash is
// kept beside it so the ETag is never computed per request.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('photo_files', (table) => {
    table.text('key').primary();
    table.binary('content').notNullable();
    table.text('content_type').notNullable();
    table.integer('byte_size').notNullable();
    table.text('sha256').notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table photo_files add constraint photo_files_byte_size_check check (byte_size = octet_length(content))`);
  // Large files are out of line already (TOAST); compressing a JPEG again only costs CPU.
  await knex.raw('alter table photo_files alter column content set storage external');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('photo_files');
}
