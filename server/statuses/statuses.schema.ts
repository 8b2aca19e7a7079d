import { z } from 'zod';
import { ideaStatuses } from '../ideas/ideas.schema';

const answerText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().max(5000, { message: 'statuses:validation.answerTooLong' }).optional(),
);

export const statusChangeSchema = z.object({
  status: z.enum(ideaStatuses, { message: 'statuses:validation.status' }),
  answer_lv: answerText,
  answer_ru: answerText,
  answer_en: answerText,
});
export type StatusChange = z.infer<typeof statusChangeSchema>;
