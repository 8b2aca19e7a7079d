import { z } from 'zod';
import { newPasswordSchema } from './password-policy';

export const forgotPasswordSchema = z.object({
  email: z.string().trim().max(254, { message: 'auth:validation.emailInvalid' }).pipe(z.email({ message: 'auth:validation.emailInvalid' })),
});

export const resetPasswordSchema = z.object({
  token: z.string().max(200),
  password: newPasswordSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ message: 'passwords:validation.currentRequired' }).min(1, { message: 'passwords:validation.currentRequired' }).max(512),
  newPassword: newPasswordSchema,
});
export type PasswordChange = z.infer<typeof changePasswordSchema>;
