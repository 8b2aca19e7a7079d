import { z } from 'zod';

const checkbox = z.preprocess((value) => value === 'on' || value === 'true', z.boolean());

export const ownDeletionSchema = z.object({
  password: z.string({ message: 'account-deletion:validation.passwordWrong' }).min(1, { message: 'account-deletion:validation.passwordWrong' }).max(512),
  removeContent: checkbox,
});

export const adminErasureSchema = z.object({
  reason: z
    .string({ message: 'account-deletion:validation.reasonRequired' })
    .trim()
    .min(1, { message: 'account-deletion:validation.reasonRequired' })
    .max(500, { message: 'account-deletion:validation.reasonTooLong' }),
  removeContent: checkbox,
});

export const userLookupSchema = z.object({ email: z.string().trim().max(254).optional() });
