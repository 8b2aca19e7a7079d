import { z } from 'zod';
import { nebElements, type NebElement, type NebLevel } from './neb.elements';

const level = z.preprocess(
  (value) => (typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) ? Number(value) : value),
  z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { message: 'neb:validation.level' }),
);
const justification = z
  .string({ message: 'neb:validation.justificationTooLong' })
  .trim()
  .max(1000, { message: 'neb:validation.justificationTooLong' })
  .default('');

/** The assessment form: `<element>Level` and `<element>Justification` for each of the six. */
export const assessmentSchema = z.object(
  Object.fromEntries(nebElements.flatMap((element) => [[`${element}Level`, level], [`${element}Justification`, justification]])) as Record<
    `${NebElement}Level` | `${NebElement}Justification`,
    typeof level | typeof justification
  >,
);

export interface AssessmentForm {
  levels: Record<NebElement, NebLevel>;
  justifications: Record<NebElement, string>;
}

export function assessmentFormOf(parsed: Record<string, unknown>): AssessmentForm {
  return {
    levels: Object.fromEntries(nebElements.map((element) => [element, parsed[`${element}Level`] as NebLevel])) as Record<NebElement, NebLevel>,
    justifications: Object.fromEntries(nebElements.map((element) => [element, String(parsed[`${element}Justification`] ?? '')])) as Record<NebElement, string>,
  };
}

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value);

/** The staff list of assessed ideas: filters and sort, all in the URL. */
export const assessedIdeasQuerySchema = z.object({
  show: z.preprocess(firstValue, z.enum(['assessed', 'unassessed'], { message: 'must be assessed or unassessed' }).default('assessed')),
  consultation: z.preprocess(firstValue, z.coerce.number({ message: 'must be a consultation id' }).int().positive({ message: 'must be a consultation id' }).optional()),
  element: z.preprocess(firstValue, z.enum(nebElements, { message: `must be one of ${nebElements.join(', ')}` }).optional()),
  level: z.preprocess(firstValue, z.coerce.number({ message: 'must be a level from 0 to 3' }).int({ message: 'must be a level from 0 to 3' }).min(0, { message: 'must be a level from 0 to 3' }).max(3, { message: 'must be a level from 0 to 3' }).optional()),
  sort: z.preprocess(firstValue, z.enum(['recent', 'level', 'assessors'], { message: 'must be one of recent, level, assessors' }).default('recent')),
  page: z.preprocess(firstValue, z.coerce.number({ message: 'must be a page number' }).int().min(1, { message: 'must be a page number' }).max(10_000).default(1)),
});
