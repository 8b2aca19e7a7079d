import { nebElements } from '../neb/neb.elements';
import { z } from 'zod';
import { supportedLocales } from '../config';
import { requiredText } from '../http/forms';

export const nebValues = ['beautiful', 'sustainable', 'together'] as const;
export type NebValue = (typeof nebValues)[number];
export const ideaStatuses = ['new', 'under_review', 'accepted', 'rejected', 'in_progress', 'implemented'] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];
/** `assessed`: the highest published NEB level first, of the element chosen in `nebElement`. */
export const ideaSorts = ['newest', 'supported', 'discussed', 'assessed'] as const;

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().max(max, { message }).optional());

/** A coordinate typed by a person: "55,874" is read as 55.874; anything else not a number is refused. */
export const coordinate = (message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value.trim().replace(',', '.'))) : value),
    z.number({ message }).finite({ message }).optional(),
  );

const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** An idea's title and description, as written or translated. Messages are i18n keys; the view shows them beside the field. */
export const ideaTexts = {
  title: requiredText(120, { required: 'ideas:validation.titleRequired', tooLong: 'ideas:validation.titleTooLong' }),
  description: requiredText(5000, { required: 'ideas:validation.descriptionRequired', tooLong: 'ideas:validation.descriptionTooLong' }),
};

export const ideaFormSchema = z.object({
  consultationId: z.coerce.number({ message: 'ideas:validation.consultation' }).int().positive({ message: 'ideas:validation.consultation' }),
  ...ideaTexts,
  // Left empty, the language is detected from the text.
  originalLocale: z.preprocess((value) => (value === '' ? undefined : value), z.enum(supportedLocales, { message: 'ideas:validation.originalLocale' }).optional()),
  categoryId: z.coerce.number({ message: 'ideas:validation.category' }).int({ message: 'ideas:validation.category' }).positive({ message: 'ideas:validation.category' }),
  nebValues: z.preprocess(asList, z.array(z.enum(nebValues, { message: 'ideas:validation.nebValues' })).min(1, { message: 'ideas:validation.nebValues' })),
  sentence_beautiful: optionalText(300, 'ideas:validation.sentenceTooLong'),
  sentence_sustainable: optionalText(300, 'ideas:validation.sentenceTooLong'),
  sentence_together: optionalText(300, 'ideas:validation.sentenceTooLong'),
  place: optionalText(80, 'ideas:validation.place'),
  latitude: coordinate('ideas:validation.latitudeNumber').refine((value) => value === undefined || Math.abs(value) <= 90, {
    message: 'ideas:validation.latitudeRange',
  }),
  longitude: coordinate('ideas:validation.longitudeNumber').refine((value) => value === undefined || Math.abs(value) <= 180, {
    message: 'ideas:validation.longitudeRange',
  }),
  placeName: optionalText(120, 'ideas:validation.placeNameTooLong'),
  removePhotos: z.preprocess(asList, z.array(z.coerce.number().int().positive())).default([]),
});
export type IdeaForm = z.infer<typeof ideaFormSchema>;

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optionalQuery = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const first = firstValue(value);
    return first === '' ? undefined : first;
  }, schema.optional());

const bbox = z
  .string()
  .transform((value, ctx) => {
    const parts = value.split(',');
    const numbers = parts.map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
    if (parts.length !== 4 || numbers.some((number) => !Number.isFinite(number))) {
      ctx.addIssue({ code: 'custom', message: 'must be four numbers: minLon,minLat,maxLon,maxLat' });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = numbers;
    if (Math.abs(minLon) > 180 || Math.abs(maxLon) > 180 || Math.abs(minLat) > 90 || Math.abs(maxLat) > 90) {
      ctx.addIssue({ code: 'custom', message: 'longitudes must be within ±180 and latitudes within ±90' });
      return z.NEVER;
    }
    if (minLon > maxLon || minLat > maxLat) {
      ctx.addIssue({ code: 'custom', message: 'minimum values must not exceed maximum values' });
      return z.NEVER;
    }
    return numbers as [number, number, number, number];
  });

/** Filters shared by the map, the list, the open data API and (later) exports; all live in the URL. */
export const ideaFiltersSchema = z.object({
  consultation: optionalQuery(z.coerce.number({ message: 'must be a consultation id' }).int().positive({ message: 'must be a consultation id' })),
  category: optionalQuery(z.string().regex(/^[a-z0-9-]{1,40}$/, { message: 'must be a category slug' })),
  value: optionalQuery(z.enum(nebValues, { message: `must be one of ${nebValues.join(', ')}` })),
  status: optionalQuery(z.enum(ideaStatuses, { message: `must be one of ${ideaStatuses.join(', ')}` })),
  // PostgreSQL refuses a NUL character in text (the query would fail with a 500).
  q: optionalQuery(z.string().trim().max(100, { message: 'must be at most 100 characters' }).refine((value) => !value.includes('\u0000'), { message: 'must not contain a NUL character' })),
  bbox: optionalQuery(bbox),
});
export type IdeaFilters = z.infer<typeof ideaFiltersSchema>;

export const ideaListQuerySchema = ideaFiltersSchema.extend({
  // Published NEB assessments only: ideas whose published median for this element is at least nebLevel.
  nebElement: optionalQuery(z.enum(nebElements, { message: `must be one of ${nebElements.join(', ')}` })),
  nebLevel: optionalQuery(z.coerce.number({ message: 'must be a level from 0 to 3' }).int({ message: 'must be a level from 0 to 3' }).min(0, { message: 'must be a level from 0 to 3' }).max(3, { message: 'must be a level from 0 to 3' })),
  sort: optionalQuery(z.enum(ideaSorts, { message: `must be one of ${ideaSorts.join(', ')}` })).default('newest'),
  page: optionalQuery(z.coerce.number({ message: 'must be a page number' }).int().min(1, { message: 'must be a page number' }).max(10_000)).default(1),
});
export type IdeaListQuery = z.infer<typeof ideaListQuerySchema>;
