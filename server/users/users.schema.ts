import { z } from 'zod';
import { reasonText } from '../moderation/moderation.schema';

export const blockSchema = z.object({ reason: reasonText });

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value);

export const accountSearchSchema = z.object({
  q: z.preprocess(firstValue, z.string().trim().max(100, { message: 'must be at most 100 characters' }).optional()),
  page: z.preprocess(firstValue, z.coerce.number({ message: 'must be a page number' }).int().min(1, { message: 'must be a page number' }).max(10_000).default(1)),
});
