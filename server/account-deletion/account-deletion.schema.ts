import { z } from 'zod';
import { requiredText } from '../http/forms';

const checkbox = z.preprocess((value) => value === 'on' || value === 'true', z.boolean());

export const ownDeletionSchema = z.object({
  // Every problem with the password reads the same: a wrong one gives nothing away.
  password: z
    .string({ message: 'account-deletion:validation.passwordWrong' })
    .min(1, { message: 'account-deletion:validation.passwordWrong' })
    .max(512, { message: 'account-deletion:validation.passwordWrong' }),
  removeContent: checkbox,
});

export const adminErasureSchema = z.object({
  reason: requiredText(500, { required: 'account-deletion:validation.reasonRequired', tooLong: 'account-deletion:validation.reasonTooLong' }),
  removeContent: checkbox,
});

export const userLookupSchema = z.object({ email: z.string().trim().max(254).optional() });
