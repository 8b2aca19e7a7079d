import { z } from 'zod';

export const phases = ['collecting', 'voting', 'closed', 'results'] as const;
export const moderationModes = ['pre', 'post'] as const;

const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const requiredText = (max: number, tooLong: string) =>
  z.string({ message: 'consultations:validation.required' }).trim().min(1, { message: 'consultations:validation.required' }).max(max, { message: tooLong });

const day = z
  .string({ message: 'consultations:validation.date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'consultations:validation.date' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: 'consultations:validation.date',
  });

export const consultationFormSchema = z
  .object({
    slug: z.string({ message: 'consultations:validation.slug' }).trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'consultations:validation.slug' }).max(60, { message: 'consultations:validation.slug' }),
    title_lv: requiredText(160, 'consultations:validation.titleTooLong'),
    title_ru: requiredText(160, 'consultations:validation.titleTooLong'),
    title_en: requiredText(160, 'consultations:validation.titleTooLong'),
    description_lv: requiredText(5000, 'consultations:validation.descriptionTooLong'),
    description_ru: requiredText(5000, 'consultations:validation.descriptionTooLong'),
    description_en: requiredText(5000, 'consultations:validation.descriptionTooLong'),
    area: z.string().max(500_000, { message: 'consultations:validation.areaTooLarge' }).optional(),
    startsOn: day,
    endsOn: day,
    phase: z.enum(phases, { message: 'consultations:validation.phase' }),
    moderationMode: z.enum(moderationModes, { message: 'consultations:validation.moderationMode' }),
    supportBudget: z.preprocess(
      emptyAsUndefined,
      z.coerce.number({ message: 'consultations:validation.budget' }).int({ message: 'consultations:validation.budget' }).min(1, { message: 'consultations:validation.budget' }).max(1000, { message: 'consultations:validation.budget' }).optional(),
    ),
    supportPhases: z.preprocess(asList, z.array(z.enum(phases, { message: 'consultations:validation.phase' }))),
  })
  .refine((form) => form.startsOn <= form.endsOn, { message: 'consultations:validation.datesOrder', path: ['endsOn'] });
export type ConsultationForm = z.infer<typeof consultationFormSchema>;
