import { z } from 'zod';
import { coordinate } from '../ideas/ideas.schema';

const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value);

export const reasonText = z
  .string({ message: 'moderation:validation.reasonRequired' })
  .trim()
  .min(1, { message: 'moderation:validation.reasonRequired' })
  .max(1000, { message: 'moderation:validation.reasonTooLong' });

/** Hiding always says why: the author is told. */
export const hideSchema = z.object({ reason: reasonText });

export const categoryChangeSchema = z.object({
  categoryId: z.coerce.number({ message: 'moderation:validation.category' }).int().positive({ message: 'moderation:validation.category' }),
});

export const pinMoveSchema = z.object({
  latitude: coordinate('ideas:validation.latitudeNumber')
    .refine((value) => value !== undefined, { message: 'ideas:validation.coordinatesBoth' })
    .refine((value) => value === undefined || Math.abs(value) <= 90, { message: 'ideas:validation.latitudeRange' }),
  longitude: coordinate('ideas:validation.longitudeNumber')
    .refine((value) => value !== undefined, { message: 'ideas:validation.coordinatesBoth' })
    .refine((value) => value === undefined || Math.abs(value) <= 180, { message: 'ideas:validation.longitudeRange' }),
});

/** The original as its number or a link to it ("https://…/ideas/12" → 12). */
export const duplicateSchema = z.object({
  originalId: z.preprocess(
    (value) => (typeof value === 'string' ? (/(?:^|\/ideas\/)(\d{1,15})\/?(?:[?#].*)?$/.exec(value.trim())?.[1] ?? value) : value),
    z.coerce.number({ message: 'moderation:validation.original' }).int({ message: 'moderation:validation.original' }).positive({ message: 'moderation:validation.original' }),
  ),
});

export const bulkActions = ['publish', 'hide'] as const;

export const bulkSchema = z
  .object({
    items: z.preprocess(
      asList,
      z
        .array(z.string().regex(/^(idea|comment):\d{1,15}$/, { message: 'moderation:validation.nothingSelected' }))
        .min(1, { message: 'moderation:validation.nothingSelected' })
        .max(200, { message: 'moderation:validation.tooManySelected' }),
    ),
    action: z.enum(bulkActions, { message: 'moderation:validation.bulkAction' }),
    reason: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), reasonText.optional()),
  })
  .refine((bulk) => bulk.action !== 'hide' || bulk.reason, { message: 'moderation:validation.reasonRequired', path: ['reason'] });
export type BulkRequest = z.infer<typeof bulkSchema>;

export const queueViews = ['pending', 'ideas', 'comments', 'edited'] as const;
export type QueueView = (typeof queueViews)[number];
export const queueSorts = ['newest', 'reports'] as const;

export const queueQuerySchema = z.object({
  view: z.preprocess(firstValue, z.enum(queueViews, { message: `must be one of ${queueViews.join(', ')}` }).default('pending')),
  sort: z.preprocess(firstValue, z.enum(queueSorts, { message: `must be one of ${queueSorts.join(', ')}` }).default('newest')),
  page: z.preprocess(firstValue, z.coerce.number({ message: 'must be a page number' }).int().min(1, { message: 'must be a page number' }).max(10_000).default(1)),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;
