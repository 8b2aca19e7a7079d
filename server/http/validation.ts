import type { z } from 'zod';

/** Field name → i18n key of the first problem, for showing beside each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (!errors[field]) errors[field] = issue.message.includes(':') ? issue.message : 'common:validation.invalid';
  }
  return errors;
}
