import { z } from 'zod';
import { ideaFiltersSchema } from '../ideas/ideas.schema';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { message: 'must be a real date' });
const optionalDay = z.preprocess((value) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value), day.optional());

/** The list's filters, plus a date range of submission; bbox is the area. */
export const exportFiltersSchema = ideaFiltersSchema
  .extend({ from: optionalDay, to: optionalDay })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: 'must not be after "to"', path: ['from'] });
export type ExportFilters = z.infer<typeof exportFiltersSchema>;
