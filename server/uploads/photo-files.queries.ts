import type { Knex } from 'knex';

/** What is known of a stored photo file without reading its content. */
export interface PhotoFileInfo {
  contentType: string;
  byteSize: number;
  /** Hex SHA-256 of the content: the strong ETag of its answer. */
  sha256: string;
}

/** Stores a file; a second put of the same key replaces it (keys are never reused for other content). */
export async function upsertPhotoFile(db: Knex, key: string, content: Buffer, contentType: string, sha256: string): Promise<void> {
  await db('photo_files')
    .insert({ key, content, content_type: contentType, byte_size: content.length, sha256 })
    .onConflict('key')
    .merge(['content', 'content_type', 'byte_size', 'sha256']);
}

export async function deletePhotoFile(db: Knex, key: string): Promise<void> {
  await db('photo_files').where({ key }).delete();
}

export async function photoFileInfo(db: Knex, key: string): Promise<PhotoFileInfo | undefined> {
  const row: { content_type: string; byte_size: number; sha256: string } | undefined = await db('photo_files').where({ key }).first('content_type', 'byte_size', 'sha256');
  return row && { contentType: row.content_type, byteSize: Number(row.byte_size), sha256: row.sha256 };
}

export async function photoFileContent(db: Knex, key: string): Promise<Buffer | undefined> {
  const row: { content: Uint8Array } | undefined = await db('photo_files').where({ key }).first('content');
  if (!row) return undefined;
  // pg gives a Buffer, PGlite a Uint8Array: the same bytes either way, without a copy.
  return Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength);
}
