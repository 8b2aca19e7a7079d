import { z } from 'zod';
import { supportedLocales } from '../config';

// Messages are i18n keys in the auth namespace; the view translates them.
const email = z
  .string()
  .trim()
  .max(254, { message: 'auth:validation.emailInvalid' })
  .pipe(z.email({ message: 'auth:validation.emailInvalid' }));

export const passwordSchema = z
  .string()
  .min(8, { message: 'auth:validation.passwordTooShort' })
  .max(128, { message: 'auth:validation.passwordTooLong' });

export const registrationSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, { message: 'auth:validation.displayNameRequired' })
    .max(80, { message: 'auth:validation.displayNameTooLong' }),
  email,
  password: passwordSchema,
  preferredLocale: z.enum(supportedLocales, { message: 'auth:validation.localeInvalid' }),
});
export type Registration = z.infer<typeof registrationSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(128),
});
