import { z } from 'zod';

export const reportReasons = ['spam', 'offensive', 'personal_data', 'off_topic', 'other'] as const;

export const reportSchema = z
  .object({
    reason: z.enum(reportReasons, { message: 'reports:validation.reason' }),
    details: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
      z.string().trim().max(500, { message: 'reports:validation.detailsTooLong' }).optional(),
    ),
  })
  .refine((report) => report.reason !== 'other' || report.details, { message: 'reports:validation.detailsRequired', path: ['details'] });
export type Report = z.infer<typeof reportSchema>;
