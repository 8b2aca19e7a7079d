import { z } from 'zod';
import commonPasswordList from './common-passwords.json';

export const minPasswordLength = 8;
export const maxPasswordLength = 128;

// Loaded once: 10,000 passwords, lower-cased (source recorded inside the file).
const commonPasswords = new Set(commonPasswordList.passwords);

/** Length in Unicode code points, as a person counts characters ("🙂" is one, not two). */
export const passwordLength = (password: string) => [...password].length;

export function isCommonPassword(password: string): boolean {
  return commonPasswords.has(password.toLowerCase());
}

/**
 * The one rule for a new password (registration, reset, change): 8–128 characters of any
 * kind, no composition rules, and not one of the most common passwords.
 */
export const newPasswordSchema = z.string({ message: 'auth:validation.passwordTooShort' }).superRefine((password, ctx) => {
  const length = passwordLength(password);
  if (length < minPasswordLength) ctx.addIssue({ code: 'custom', message: 'auth:validation.passwordTooShort' });
  else if (length > maxPasswordLength) ctx.addIssue({ code: 'custom', message: 'auth:validation.passwordTooLong' });
  else if (isCommonPassword(password)) ctx.addIssue({ code: 'custom', message: 'passwords:validation.common' });
});
