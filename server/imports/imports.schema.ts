import { z } from 'zod';
import { requiredText } from '../http/forms';

/** The upload form: which consultation, which event, the residents' consent; the file comes as a multipart part. */
export const importUploadSchema = z.object({
  consultationId: z.coerce.number({ message: 'ideas:validation.consultation' }).int().positive({ message: 'ideas:validation.consultation' }),
  eventName: requiredText(120, { required: 'assisted-entry:validation.eventNameRequired', tooLong: 'assisted-entry:validation.eventNameTooLong' }),
  consent: z.literal('yes', { message: 'imports:validation.consent' }),
});
export type ImportUploadForm = z.infer<typeof importUploadSchema>;
