import type { Knex } from 'knex';
import type { ImportedRow } from './import-columns';

/** An uploaded file between its dry run and its confirmation, and after it. */
export interface IdeaImport {
  id: number;
  consultationId: number;
  createdBy: number | null;
  eventName: string;
  fileName: string;
  fileHash: string;
  rowCount: number;
  state: 'checked' | 'imported';
  importedCount: number | null;
  createdAt: Date;
  importedAt: Date | null;
}

const importColumns = [
  'id',
  'consultation_id as consultationId',
  'created_by as createdBy',
  'event_name as eventName',
  'file_name as fileName',
  'file_hash as fileHash',
  'row_count as rowCount',
  'state',
  'imported_count as importedCount',
  'created_at as createdAt',
  'imported_at as importedAt',
];

export async function insertImport(
  db: Knex,
  upload: { consultationId: number; createdBy: number; eventName: string; fileName: string; fileHash: string; rows: ImportedRow[] },
): Promise<number> {
  const [row] = await db('idea_imports')
    .insert({
      consultation_id: upload.consultationId,
      created_by: upload.createdBy,
      event_name: upload.eventName,
      file_name: upload.fileName.slice(0, 255),
      file_hash: upload.fileHash,
      rows: JSON.stringify(upload.rows),
      row_count: upload.rows.length,
    })
    .returning('id');
  return Number(row.id);
}

export async function importById(db: Knex, id: number): Promise<IdeaImport | undefined> {
  return db('idea_imports').where({ id }).first(importColumns);
}

/** The import's stored rows (only when they are to be checked: they may be megabytes). */
export async function rowsOfImport(db: Knex, id: number): Promise<ImportedRow[]> {
  const row: { rows: ImportedRow[] | string } | undefined = await db('idea_imports').where({ id }).first('rows');
  if (!row) return [];
  return typeof row.rows === 'string' ? JSON.parse(row.rows) : row.rows;
}

/** Locks the import for its confirmation: two clicks of "Import" (or two processes) take turns. */
export async function lockImport(trx: Knex, id: number): Promise<Pick<IdeaImport, 'state'> | undefined> {
  return trx('idea_imports').where({ id }).forUpdate().first('state');
}

export async function markImported(trx: Knex, id: number, importedCount: number): Promise<void> {
  await trx('idea_imports').where({ id }).update({ state: 'imported', imported_count: importedCount, imported_at: trx.fn.now() });
}

/** Newest first, for the import page. */
export async function recentImports(db: Knex, limit = 20): Promise<(IdeaImport & { byName: string | null })[]> {
  return db('idea_imports')
    .leftJoin('users', 'users.id', 'idea_imports.created_by')
    .orderBy('idea_imports.id', 'desc')
    .limit(limit)
    .select([...importColumns.map((column) => `idea_imports.${column}`), 'users.display_name as byName']);
}

/** The fingerprints already imported into the consultation, from any file. */
export async function importedFingerprints(db: Knex, consultationId: number): Promise<Set<string>> {
  const rows: { fingerprint: string }[] = await db('imported_ideas').where({ consultation_id: consultationId }).select('fingerprint');
  return new Set(rows.map((row) => row.fingerprint));
}

/**
 * Records which ideas came from the import; a fingerprint imported meanwhile (by another
 * process) violates the primary key and the whole import is rolled back.
 */
export async function insertImportedIdeas(trx: Knex, importId: number, consultationId: number, ideas: { ideaId: number; fingerprint: string }[]): Promise<void> {
  for (let start = 0; start < ideas.length; start += 1000) {
    await trx('imported_ideas').insert(
      ideas.slice(start, start + 1000).map((idea) => ({ consultation_id: consultationId, fingerprint: idea.fingerprint, idea_id: idea.ideaId, import_id: importId })),
    );
  }
}

