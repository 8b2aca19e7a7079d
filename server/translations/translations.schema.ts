import { z } from 'zod';
import { supportedLocales } from '../config';

export const translationSchema = z.object({
  locale: z.enum(supportedLocales, { message: 'translations:validation.locale' }),
  title: z
    .string({ message: 'ideas:validation.titleRequired' })
    .trim()
    .min(1, { message: 'ideas:validation.titleRequired' })
    .max(120, { message: 'ideas:validation.titleTooLong' }),
  description: z
    .string({ message: 'ideas:validation.descriptionRequired' })
    .trim()
    .min(1, { message: 'ideas:validation.descriptionRequired' })
    .max(5000, { message: 'ideas:validation.descriptionTooLong' }),
});
export type TranslationForm = z.infer<typeof translationSchema>;
