import { z } from 'zod';
import { supportedLocales } from '../config';
import { requiredText } from '../http/forms';
import { statementKinds } from './statements.queries';

export const statementParamsSchema = z.object({ kind: z.enum(statementKinds), locale: z.enum(supportedLocales) });

export const statementFormSchema = z.object({
  body: requiredText(20000, { required: 'statements:validation.bodyRequired', tooLong: 'statements:validation.bodyTooLong' }),
  reviewedOn: z
    .string({ message: 'statements:validation.date' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'statements:validation.date' })
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), { message: 'statements:validation.date' }),
});

export type StatementForm = z.infer<typeof statementFormSchema>;
