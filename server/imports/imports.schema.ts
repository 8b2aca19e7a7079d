import { z } from 'zod';
import { requiredText } from '../http/forms';

/** The upload form: which consultation, which event, the residents' consent; the file comes as a multipart part. */
export const importUploadSchema = z.object({
  consultationId: z.coerce.number({ message: 'ideas:validation.consultation' }).int().positive({ message: 'ideas:validation.consultation' }),
  eventName: requiredText(120, { required: 'assisted-entry:validation.eventNameRequired', tooLong: 'assisted-entry:validation.eventNameTooLong' }),
  consent: z.literal('yes', { message: 'imports:validation.consent' }),
  /** The uploaded file's name, set by the route from the multipart part ('' without one), so that a missing file is named with the other problems. */
  file: z.string({ message: 'imports:file.required' }).min(1, { message: 'imports:file.required' }),
});
export type ImportUploadForm = z.infer<typeof importUploadSchema>;
