import { z } from 'zod';
import { supportedLocales } from '../config';
import { ideaTexts } from '../ideas/ideas.schema';

export const translationSchema = z.object({
  locale: z.enum(supportedLocales, { message: 'translations:validation.locale' }),
  ...ideaTexts,
});
export type TranslationForm = z.infer<typeof translationSchema>;
