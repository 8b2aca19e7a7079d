import type { Knex } from 'knex';
import type { PublicChanges } from '../cache/public-changes';
import type { IdeaPagesInMemory } from './idea-pages.cache';
import type { MapPoints } from './map-points';
import type { ReferenceInMemory } from './reference.cache';
import type { SessionUser } from '../auth/session-user';
import { forbidden, notFound } from '../http/errors';
import { FormError, type FieldProblem } from '../http/forms';
import { acceptsIdeas } from '../consultations/consultations.policy';
import { consultationById, type Consultation } from '../consultations/consultations.queries';
import type { PhotoStorage } from '../uploads/photo-storage';
import { removeStoredPhotos, withStoredPhotos } from '../uploads/stored-photos';
import { maxPhotosPerIdea, processUploads, type ProcessedPhoto } from '../uploads/photo-processing';
import { locationProblem, type Bounds } from './location';
import { authorChangeError, authorChangeIsRevised, authorChangeRefusal, mayDeleteIdea, type ChangeableIdea } from './ideas.policy';
import { recordRevision } from './idea-revisions.queries';
import type { IdeaSnapshot } from './idea-revisions.fields';
import { follow } from '../follows/follows.queries';
import type { IdeaForm, NebValue } from './ideas.schema';
import type { Locale } from '../config';
import { detectLanguage } from '../i18n/detect-language';
import {
  deleteIdeaRow,
  ideaById,
  deletePhotos,
  insertIdea,
  insertPhotos,
  lockIdeaState,
  photosOfIdea,
  updateIdeaContent,
  type IdeaContent,
} from './ideas.queries';
import { allCategories } from '../categories/categories.queries';
import { placeBySlug } from '../places/places.queries';


export interface IdeaServices {
  db: Knex;
  storage: PhotoStorage;
  cityBounds: Bounds;
  /** The site's public address, for links that leave it (sharing). */
  baseUrl: string;
  /** Committed public changes, for the read path's caches. */
  changes: PublicChanges;
  /** Consultations, categories and places as visitors' pages read them. */
  reference: ReferenceInMemory;
  /** The shared parts of idea pages. */
  ideaPages: IdeaPagesInMemory;
  /** The published pins: the map's data and the list's counts. */
  mapPoints: MapPoints;
}

export interface UploadedPhoto {
  buffer: Buffer;
  originalname: string;
}

interface ResolvedLocation {
  latitude: number;
  longitude: number;
  placeName: string | null;
}

async function resolveLocation(
  db: Knex,
  form: IdeaFormWithLanguage,
  consultation: Consultation,
  cityBounds: Bounds,
  errors: Record<string, FieldProblem>,
): Promise<ResolvedLocation | undefined> {
  const place = form.place ? await placeBySlug(db, form.place) : undefined;
  if (form.place && !place) {
    errors.place = 'ideas:validation.place';
    return undefined;
  }
  let latitude = place?.latitude;
  let longitude = place?.longitude;
  // Typed or pinned coordinates win over a chosen place.
  if (form.latitude !== undefined || form.longitude !== undefined) {
    if (form.latitude === undefined || form.longitude === undefined) {
      errors.location = 'ideas:validation.coordinatesBoth';
      return undefined;
    }
    latitude = form.latitude;
    longitude = form.longitude;
  }
  if (latitude === undefined || longitude === undefined) {
    errors.location = 'ideas:validation.locationRequired';
    return undefined;
  }
  const problem = locationProblem(consultation.area, cityBounds, latitude, longitude);
  if (problem) {
    errors.location = problem;
    return undefined;
  }
  return { latitude, longitude, placeName: form.placeName ?? place?.name[form.originalLocale] ?? null };
}

async function processPhotos(files: UploadedPhoto[], errors: Record<string, FieldProblem>): Promise<ProcessedPhoto[]> {
  const processed = await processUploads(files);
  if ('photos' in processed) return processed.photos;
  errors.photos = processed.refused;
  return [];
}

/** An idea form whose language is known: chosen by the author, or detected from the text. */
type IdeaFormWithLanguage = IdeaForm & { originalLocale: Locale };

async function withLanguage(form: IdeaForm, fallback: Locale): Promise<IdeaFormWithLanguage> {
  return { ...form, originalLocale: form.originalLocale ?? (await detectLanguage(`${form.title}\n${form.description}`, fallback)) };
}

function contentOf(form: IdeaFormWithLanguage, location: ResolvedLocation): IdeaContent {
  const nebSentences: Partial<Record<NebValue, string>> = {};
  for (const value of form.nebValues) {
    const sentence = form[`sentence_${value}`];
    if (sentence) nebSentences[value] = sentence;
  }
  const { title, description, originalLocale, categoryId, nebValues } = form;
  return { title, description, originalLocale, categoryId, nebValues, nebSentences, ...location };
}

/** Checks everything that needs the database, then the photos, decoded outside any transaction. */
async function validateIdea(services: IdeaServices, form: IdeaFormWithLanguage, consultation: Consultation, photoCount: number, files: UploadedPhoto[]) {
  const errors: Record<string, FieldProblem> = {};
  const categories = await allCategories(services.db);
  if (!categories.some((category) => category.id === form.categoryId)) errors.categoryId = 'ideas:validation.category';
  const location = await resolveLocation(services.db, form, consultation, services.cityBounds, errors);
  if (photoCount > maxPhotosPerIdea) errors.photos = { key: 'ideas:validation.tooManyPhotos', values: { max: maxPhotosPerIdea } };
  // Photos are the costly part: decoded only for a form that is otherwise right.
  if (Object.keys(errors).length || !location) throw new FormError(errors);
  const photos = await processPhotos(files, errors);
  if (errors.photos) throw new FormError(errors);
  return { location, photos };
}

/**
 * Validates a new idea of the consultation and stores it with its photos; `insert` writes the
 * idea's row inside the transaction (the workshop feature stores its ideas through this too).
 */
export async function storeNewIdea(
  services: IdeaServices,
  typed: IdeaForm,
  fallbackLocale: Locale,
  consultation: Consultation,
  files: UploadedPhoto[],
  insert: (trx: Knex, content: IdeaContent) => Promise<number>,
): Promise<number> {
  const form = await withLanguage(typed, fallbackLocale);
  const { location, photos } = await validateIdea(services, form, consultation, files.length, files);
  return withStoredPhotos(services.storage, photos, (stored) =>
    services.db.transaction(async (trx) => {
      const ideaId = await insert(trx, contentOf(form, location));
      await insertPhotos(trx, ideaId, stored.map((photo, position) => ({ ...photo, position })));
      return ideaId;
    }),
  );
}

export async function submitIdea(services: IdeaServices, author: SessionUser, typed: IdeaForm, files: UploadedPhoto[]): Promise<number> {
  const consultation = await consultationById(services.db, typed.consultationId);
  if (!consultation || !acceptsIdeas(consultation)) throw new FormError({ consultationId: 'ideas:validation.consultationClosed' });
  return storeNewIdea(services, typed, author.preferredLocale, consultation, files, async (trx, content) => {
    const ideaId = await insertIdea(trx, {
      ...content,
      consultationId: consultation.id,
      authorId: author.id,
      // Until the email is confirmed an idea waits as the author's draft (published on verifying).
      visibility: !author.emailVerified ? 'draft' : consultation.moderationMode === 'pre' ? 'pending' : 'published',
    });
    // Authors follow their own ideas.
    await follow(trx, author.id, ideaId);
    return ideaId;
  });
}

/** What visitors read of the idea now, for a revision. */
async function snapshotOf(trx: Knex, ideaId: number): Promise<IdeaSnapshot> {
  const idea = (await ideaById(trx, ideaId))!;
  const { title, description, originalLocale, nebValues, nebSentences, latitude, longitude, placeName } = idea;
  const photoIds = (await photosOfIdea(trx, ideaId)).map((photo) => Number(photo.id));
  return { title, description, originalLocale, categoryId: idea.category.id, nebValues, nebSentences, location: { latitude, longitude, placeName }, photoIds };
}

/** The idea's consultation, when the editor may change the idea as it stands; else the refusal is thrown. */
async function consultationIfAuthorMayChange(db: Knex, editor: SessionUser, idea: ChangeableIdea & { consultationId: number }): Promise<Consultation> {
  const consultation = (await consultationById(db, idea.consultationId))!;
  const refusal = authorChangeRefusal(editor, idea, consultation.moderationMode);
  if (refusal) throw authorChangeError(refusal);
  return consultation;
}

/**
 * The author's edit: refused where the policy says so (pre-moderated and already decided, or
 * staff at work); on an idea visitors could read it goes live and is recorded as a revision.
 */
export async function updateIdea(services: IdeaServices, editor: SessionUser, ideaId: number, typed: IdeaForm, files: UploadedPhoto[]): Promise<void> {
  const current = await ideaById(services.db, ideaId);
  if (!current) throw notFound();
  const consultation = await consultationIfAuthorMayChange(services.db, editor, current);
  const form = await withLanguage(typed, current.originalLocale);
  const existingPhotos = await photosOfIdea(services.db, ideaId);
  const keptPhotos = existingPhotos.filter((photo) => !form.removePhotos.includes(photo.id));
  const { location, photos } = await validateIdea(services, form, consultation, keptPhotos.length + files.length, files);
  const removed = await withStoredPhotos(services.storage, photos, (stored) =>
    services.db.transaction(async (trx) => {
      // Checked again under the row lock: staff may have changed the status or published it meanwhile.
      const locked = await lockIdeaState(trx, ideaId);
      if (!locked) throw notFound();
      await consultationIfAuthorMayChange(trx, editor, locked);
      const before = authorChangeIsRevised(locked) ? await snapshotOf(trx, ideaId) : undefined;
      await updateIdeaContent(trx, ideaId, contentOf(form, location));
      const removedPhotos = await deletePhotos(trx, ideaId, form.removePhotos);
      const nextPosition = Math.max(-1, ...keptPhotos.map((photo) => photo.position)) + 1;
      await insertPhotos(trx, ideaId, stored.map((photo, index) => ({ ...photo, position: nextPosition + index })));
      if (before) await recordRevision(trx, { ideaId, editorId: editor.id, before, after: await snapshotOf(trx, ideaId) });
      return removedPhotos;
    }),
  );
  await removeStoredPhotos(services.storage, removed);
}

export async function deleteIdea(services: IdeaServices, person: SessionUser, ideaId: number): Promise<void> {
  const photos = await services.db.transaction(async (trx) => {
    const locked = await lockIdeaState(trx, ideaId);
    if (!locked) throw notFound();
    if (!mayDeleteIdea(person, locked)) throw forbidden();
    const ideaPhotos = await photosOfIdea(trx, ideaId);
    await deleteIdeaRow(trx, ideaId);
    return ideaPhotos;
  });
  await removeStoredPhotos(services.storage, photos);
}
