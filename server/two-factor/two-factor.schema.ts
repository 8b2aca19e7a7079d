import { z } from 'zod';

// A code that cannot be right gets the same answer as a wrong one.
const codeField = (message: string) => z.string({ message }).max(40, { message });

/** A code from the app or a recovery code: at login, and before new recovery codes. */
export const secondFactorSchema = z.object({ code: codeField('two-factor:code.failed') });

/** The first code from the app, proving the person holds the new secret. */
export const setupCodeSchema = z.object({ code: codeField('two-factor:setup.wrongCode') });

export const disableTwoFactorSchema = z.object({
  password: z.string({ message: 'two-factor:disable.wrongPassword' }).max(512, { message: 'two-factor:disable.wrongPassword' }),
});
