import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SessionUser } from '../auth/session-user';
import { recordAction } from '../audit/audit';
import { AppError, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { isUniqueViolation } from '../db/errors';
import { acceptsIdeas } from '../consultations/consultations.policy';
import { consultationById, type Consultation } from '../consultations/consultations.queries';
import { allCategories } from '../categories/categories.queries';
import { allPlaces } from '../places/places.queries';
import { newestGridOf } from '../paper-forms/paper-forms.queries';
import { detectLanguage } from '../i18n/detect-language';
import { insertIdeas, type NewIdea } from '../ideas/ideas.queries';
import type { IdeaServices } from '../ideas/ideas.service';
import { visibilityOfAssistedIdea } from '../assisted-entry/assisted-entry.policy';
import { readImportFile } from './import-file';
import { checkRows, fingerprintOf, nebNamesInAllLanguages, type AcceptedRow, type CheckedRow, type RowContext } from './import-rows';
import { importById, importedFingerprints, insertImport, insertImportedIdeas, lockImport, markImported, rowsOfImport, type IdeaImport } from './imports.queries';
import type { ImportUploadForm } from './imports.schema';

/** A confirmation that cannot go on (done already, the consultation closed, rows imported meanwhile): back to the import with its message. */
export class ImportRefusal extends AppError {
  constructor(messageKey: string) {
    super(409, 'import_refused', messageKey);
  }
}

async function rowContext(services: IdeaServices, consultation: Consultation): Promise<RowContext> {
  return {
    area: consultation.area,
    cityBounds: services.cityBounds,
    categories: await allCategories(services.db),
    places: await allPlaces(services.db),
    grid: await newestGridOf(services.db, consultation.id),
    nebNames: nebNamesInAllLanguages(),
    imported: await importedFingerprints(services.db, consultation.id),
  };
}

async function openConsultation(services: IdeaServices, id: number): Promise<Consultation | undefined> {
  const consultation = await consultationById(services.db, id);
  return consultation && acceptsIdeas(consultation) ? consultation : undefined;
}

/**
 * Reads an uploaded file and keeps its rows in the database for the dry run (any process may
 * show it and confirm it); a file Kopā cannot use is refused at the file field, nothing stored.
 */
export async function storeUpload(services: IdeaServices, staff: SessionUser, form: ImportUploadForm, file: { originalname: string; buffer: Buffer } | undefined): Promise<number> {
  const consultation = await openConsultation(services, form.consultationId);
  if (!consultation) throw new FormError({ consultationId: 'ideas:validation.consultationClosed' });
  if (!file) throw new FormError({ file: 'imports:file.required' });
  const rows = await readImportFile(file.originalname, file.buffer);
  return insertImport(services.db, {
    consultationId: consultation.id,
    createdBy: staff.id,
    eventName: form.eventName,
    fileName: file.originalname,
    fileHash: createHash('sha256').update(file.buffer).digest('hex'),
    rows,
  });
}

export interface ImportPage {
  upload: IdeaImport;
  consultation: Consultation;
  /** Every row accepted or refused, checked now (not when uploaded): categories or the area may have changed. */
  rows: CheckedRow[];
}

export async function importPage(services: IdeaServices, importId: number): Promise<ImportPage> {
  const upload = await importById(services.db, importId);
  if (!upload) throw notFound();
  const consultation = (await consultationById(services.db, upload.consultationId))!;
  const rows = upload.state === 'checked' ? checkRows(await rowContext(services, consultation), await rowsOfImport(services.db, importId)) : [];
  return { upload, consultation, rows };
}

const acceptedOf = (rows: CheckedRow[]) => rows.flatMap((row) => ('accepted' in row ? [row.accepted] : []));

/**
 * Imports the accepted rows, all or nothing: checked again (another file may have brought the
 * same ideas since the dry run), languages detected before the transaction, then one
 * transaction of multi-row inserts. The fingerprints' primary key refuses a row imported
 * meanwhile by another process, and the whole import is rolled back. The triggers on ideas
 * announce the new ideas to the read path.
 */
export async function confirmImport(
  services: IdeaServices,
  staff: SessionUser,
  importId: number,
): Promise<{ imported: number; total: number; heldMs: number }> {
  const { upload, consultation, rows } = await importPage(services, importId);
  if (upload.state !== 'checked') throw new ImportRefusal('imports:confirm.alreadyDone');
  if (!acceptsIdeas(consultation)) throw new ImportRefusal('ideas:validation.consultationClosed');
  const accepted = acceptedOf(rows);
  if (!accepted.length) throw new ImportRefusal('imports:confirm.nothing');
  const visibility = visibilityOfAssistedIdea(consultation);
  const ideas: NewIdea[] = [];
  for (const row of accepted) ideas.push(await newIdeaOf(row, consultation, staff, upload.eventName, visibility));
  const started = performance.now();
  try {
    await services.db.transaction(async (trx) => {
      // Checked again under the row lock: a second click or another process may have confirmed it.
      const locked = await lockImport(trx, importId);
      if (locked?.state !== 'checked') throw new ImportRefusal('imports:confirm.alreadyDone');
      const stored = await insertIdeas(trx, ideas);
      await insertImportedIdeas(trx, importId, consultation.id, stored.map((idea) => ({ ideaId: idea.id, fingerprint: fingerprintOf(idea) })));
      await markImported(trx, importId, stored.length);
      await recordAction(trx, staff.id, 'consultation.ideas_imported', { type: 'consultation', id: consultation.id }, {
        after: { importId, eventName: upload.eventName, fileName: upload.fileName, fileHash: upload.fileHash, imported: stored.length, refused: rows.length - stored.length, visibility },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ImportRefusal('imports:confirm.conflict');
    throw error;
  }
  return { imported: accepted.length, total: rows.length, heldMs: performance.now() - started };
}

async function newIdeaOf(row: AcceptedRow, consultation: Consultation, staff: SessionUser, eventName: string, visibility: NewIdea['visibility']): Promise<NewIdea> {
  return {
    title: row.title,
    description: row.description,
    originalLocale: row.originalLocale ?? (await detectLanguage(`${row.title}\n${row.description}`, staff.preferredLocale)),
    categoryId: row.categoryId,
    nebValues: row.nebValues,
    nebSentences: {},
    latitude: row.latitude,
    longitude: row.longitude,
    placeName: row.placeName,
    consultationId: consultation.id,
    authorId: null,
    visibility,
    assisted: { channel: 'event', eventName, enteredBy: staff.id, locationApproximate: row.locationApproximate },
  };
}
