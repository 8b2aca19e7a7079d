import type { Knex } from 'knex';
import type { Role } from '../auth/roles';
import { recordAction } from '../audit/audit';
import { forbidden, notFound } from '../http/errors';
import { FormError } from '../http/forms';
import { ideaById, lockIdeaState } from '../ideas/ideas.queries';
import type { IdeaStatus } from '../ideas/ideas.schema';
import { enqueueJob } from '../jobs/jobs.queries';
import { maxPhotosPerIdea, processUploads, type ProcessedPhoto } from '../uploads/photo-processing';
import type { PhotoStorage } from '../uploads/photo-storage';
import { withStoredPhotos } from '../uploads/stored-photos';
import { insertMilestone, insertMilestonePhotos, photoOfIdea, setResultPhoto, submittedOn, type LocalisedText } from './milestones.queries';
import { mayActOnMilestones } from './milestones.policy';
import type { MilestoneForm, PhotoMarkForm } from './milestones.schema';

export interface MilestoneServices {
  db: Knex;
  storage: PhotoStorage;
}

export interface Staff {
  id: number;
  role: Role;
}


function localised(form: Record<string, unknown>, prefix: 'text' | 'label'): LocalisedText {
  return Object.fromEntries((['lv', 'ru', 'en'] as const).flatMap((locale) => (form[`${prefix}_${locale}`] ? [[locale, form[`${prefix}_${locale}`] as string]] : [])));
}

async function processedPhotos(files: { buffer: Buffer; originalname: string }[]): Promise<ProcessedPhoto[]> {
  if (files.length > maxPhotosPerIdea) throw new FormError({ photos: { key: 'ideas:validation.tooManyPhotos', values: { max: maxPhotosPerIdea } } });
  const processed = await processUploads(files);
  if ('refused' in processed) throw new FormError({ photos: processed.refused });
  return processed.photos;
}

/** What may refuse a milestone, read under the idea's row lock or (before photos are decoded) without it. */
async function refuseMilestone(db: Knex, staff: Staff, idea: { status: IdeaStatus } | undefined, ideaId: number, form: MilestoneForm): Promise<void> {
  if (!idea) throw notFound();
  if (!mayActOnMilestones(staff.role, idea.status, 'add_milestone')) {
    if (!mayActOnMilestones(staff.role, 'accepted', 'add_milestone')) throw forbidden();
    throw new FormError({ form: 'milestones:validation.notAccepted' });
  }
  const submitted = await submittedOn(db, ideaId);
  if (submitted && form.happened_on < submitted) throw new FormError({ happened_on: { key: 'milestones:validation.beforeSubmission', values: { date: submitted } } });
}

/**
 * Staff add a dated milestone to an idea the city took on, with photos (EXIF stripped by the
 * photo pipeline); followers are told by email in their language. Photos are decoded before
 * the transaction and removed again when it fails.
 */
export async function addMilestone(
  services: MilestoneServices,
  staff: Staff,
  ideaId: number,
  form: MilestoneForm,
  files: { buffer: Buffer; originalname: string }[],
): Promise<number> {
  // Photos are the costly part: decoded only for a milestone that is otherwise right.
  await refuseMilestone(services.db, staff, await ideaById(services.db, ideaId), ideaId, form);
  const photos = await processedPhotos(files);
  return withStoredPhotos(services.storage, photos, (stored) =>
    services.db.transaction(async (trx) => {
      // Checked again under the row lock: staff may have changed the status meanwhile.
      await refuseMilestone(trx, staff, await lockIdeaState(trx, ideaId), ideaId, form);
      const text = localised(form, 'text');
      const label = form.kind === 'other' ? localised(form, 'label') : null;
      const milestoneId = await insertMilestone(trx, {
        ideaId,
        createdBy: staff.id,
        kind: form.kind,
        label,
        happenedOn: form.happened_on,
        text,
        progress: form.progress ?? null,
      });
      await insertMilestonePhotos(trx, milestoneId, ideaId, stored);
      await enqueueJob(trx, 'milestone_update', { milestoneId });
      await recordAction(trx, staff.id, 'idea.milestone_added', { type: 'idea', id: ideaId }, {
        after: { milestoneId, kind: form.kind, happenedOn: form.happened_on, progress: form.progress ?? null, photos: stored.length },
      });
      return milestoneId;
    }),
  );
}

/** Staff mark one of the idea's photos (its own or a milestone's) "before", or a milestone's "after". */
export async function markResultPhoto(db: Knex, staff: Staff, ideaId: number, form: PhotoMarkForm): Promise<void> {
  const [source, rawId] = form.photo.split(':') as ['idea' | 'milestone', string];
  const photoId = Number(rawId);
  await db.transaction(async (trx) => {
    const idea = await lockIdeaState(trx, ideaId);
    if (!idea) throw notFound();
    if (!mayActOnMilestones(staff.role, idea.status, 'mark_photo')) {
      if (!mayActOnMilestones(staff.role, 'implemented', 'mark_photo')) throw forbidden();
      throw new FormError({ photo: 'milestones:validation.notStarted' });
    }
    if (form.mark === 'after' && source !== 'milestone') throw new FormError({ photo: 'milestones:validation.afterFromMilestone' });
    if (!(await photoOfIdea(trx, ideaId, source, photoId))) throw new FormError({ photo: 'milestones:validation.photo' });
    await setResultPhoto(trx, { ideaId, mark: form.mark, source, photoId, markedBy: staff.id });
    await recordAction(trx, staff.id, 'idea.result_photo_marked', { type: 'idea', id: ideaId }, { after: { mark: form.mark, photo: form.photo } });
  });
}
