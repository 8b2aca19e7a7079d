import { z } from 'zod';
import { milestoneKinds } from './milestones.queries';

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string().trim().max(max, { message }).optional());

const milestoneText = optionalText(2000, 'milestones:validation.textTooLong');
const milestoneLabel = optionalText(120, 'milestones:validation.labelTooLong');

export const milestoneFormSchema = z
  .object({
    kind: z.enum(milestoneKinds, { message: 'milestones:validation.kind' }),
    label_lv: milestoneLabel,
    label_ru: milestoneLabel,
    label_en: milestoneLabel,
    happened_on: z
      .string({ message: 'milestones:validation.date' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'milestones:validation.date' })
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
        message: 'milestones:validation.date',
      }),
    progress: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z.coerce
        .number({ message: 'milestones:validation.progress' })
        .int({ message: 'milestones:validation.progress' })
        .min(0, { message: 'milestones:validation.progress' })
        .max(100, { message: 'milestones:validation.progress' })
        .optional(),
    ),
    text_lv: milestoneText,
    text_ru: milestoneText,
    text_en: milestoneText,
  })
  .superRefine((form, context) => {
    if (!form.text_lv && !form.text_ru && !form.text_en) {
      context.addIssue({ code: 'custom', path: ['text_lv'], message: 'milestones:validation.textRequired' });
    }
    if (form.kind === 'other' && !form.label_lv && !form.label_ru && !form.label_en) {
      context.addIssue({ code: 'custom', path: ['label_lv'], message: 'milestones:validation.labelRequired' });
    }
  });
export type MilestoneForm = z.infer<typeof milestoneFormSchema>;

export const photoMarkSchema = z.object({
  mark: z.enum(['before', 'after'], { message: 'milestones:validation.mark' }),
  photo: z.string({ message: 'milestones:validation.photo' }).regex(/^(idea|milestone):\d{1,15}$/, { message: 'milestones:validation.photo' }),
});
export type PhotoMarkForm = z.infer<typeof photoMarkSchema>;

export const resultsQuerySchema = z.object({
  consultation: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional()),
  category: z.preprocess((value) => (value === '' ? undefined : value), z.string().regex(/^[a-z0-9-]{1,60}$/).optional()),
  year: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(2000).max(2100).optional()),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;
