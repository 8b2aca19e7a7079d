import { z } from 'zod';
import { supportedLocales } from '../config';
import { statementKinds } from './statements.queries';

export const statementParamsSchema = z.object({ kind: z.enum(statementKinds), locale: z.enum(supportedLocales) });

export const statementFormSchema = z.object({
  body: z
    .string({ message: 'statements:validation.bodyRequired' })
    .trim()
    .min(1, { message: 'statements:validation.bodyRequired' })
    .max(20000, { message: 'statements:validation.bodyTooLong' }),
  reviewedOn: z
    .string({ message: 'statements:validation.date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'statements:validation.date' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { message: 'statements:validation.date' }),
});
