import type { Response } from 'express';
import type { FieldProblems } from '../http/forms';
import { acceptsIdeas } from '../consultations/consultations.policy';
import type { Consultation } from '../consultations/consultations.queries';
import { maxPhotosPerIdea } from '../uploads/photo-processing';
import { mapAssets } from '../http/map-assets';
import { photosOfIdea } from './ideas.queries';
import { nebValues } from './ideas.schema';
import type { IdeaServices } from './ideas.service';

/** Where a form other than /ideas posts (a workshop's pin form), with its own token and way back. */
export interface IdeaFormTarget {
  formAction: string;
  backLink: { href: string; text: string };
  csrfToken: () => string;
}

/**
 * The idea form, for a new idea, one being edited, or a pin in a workshop (which names its
 * one consultation and `target`); with problems it answers 422.
 */
export async function renderIdeaForm(
  services: IdeaServices,
  res: Response,
  options: { values: Record<string, unknown>; errors?: FieldProblems; ideaId?: number; consultations?: Consultation[]; target?: IdeaFormTarget },
) {
  const consultations = options.consultations ?? (await services.reference.consultations.open()).filter((consultation) => acceptsIdeas(consultation));
  res.status(Object.keys(options.errors ?? {}).length ? 422 : 200).render('ideas/form', {
    ...options.target,
    ideaId: options.ideaId,
    consultations,
    categories: await services.reference.categories.all(),
    places: await services.reference.places.all(),
    photos: options.ideaId ? await photosOfIdea(services.db, options.ideaId) : [],
    photoUrl: services.storage.urlFor,
    nebValues,
    maxPhotos: maxPhotosPerIdea,
    // Workshop pins take photos; a person's form does once their email is confirmed (see uploadsOnlyWhenVerified).
    photosAllowed: Boolean(options.target) || Boolean(res.req.user?.emailVerified),
    values: options.values,
    errors: options.errors ?? {},
    ...mapAssets(['location-picker.js'], { whenNear: '.location-fieldset' }),
  });
}

/** The form's fields as typed, with its lists always lists. */
export const ideaFormValuesOf = (body: Record<string, unknown> | undefined) => ({
  ...body,
  nebValues: body?.nebValues === undefined ? [] : ([] as unknown[]).concat(body.nebValues),
  // Only text can be a photo's number: a JSON body may send objects, and one without a prototype makes Number() throw.
  removePhotos: body?.removePhotos === undefined ? [] : ([] as unknown[]).concat(body.removePhotos).map((value) => (typeof value === 'string' ? Number(value) : Number.NaN)),
});
