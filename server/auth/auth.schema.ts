import { z } from 'zod';
import { supportedLocales } from '../config';
import { newPasswordSchema } from '../passwords/password-policy';

// Messages are i18n keys in the auth namespace; the view translates them.
const email = z
  .string()
  .trim()
  .max(254, { message: 'auth:validation.emailInvalid' })
  .pipe(z.email({ message: 'auth:validation.emailInvalid' }));


export const registrationSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, { message: 'auth:validation.displayNameRequired' })
    .max(80, { message: 'auth:validation.displayNameTooLong' }),
  email,
  password: newPasswordSchema,
  preferredLocale: z.enum(supportedLocales, { message: 'auth:validation.localeInvalid' }),
});
export type Registration = z.infer<typeof registrationSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  // 128 characters of any kind can be 512 bytes of UTF-16; the policy counts characters.
  password: z.string().min(1).max(512),
});
