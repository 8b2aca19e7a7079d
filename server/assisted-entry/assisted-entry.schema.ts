import { z } from 'zod';
import { ideaFormSchema } from '../ideas/ideas.schema';
import { assistedChannels } from '../ideas/ideas.queries';

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), z.string({ message }).trim().max(max, { message }).optional());

/** A paper form's code as printed on it: K<consultation>-<grid>. */
export const formCodePattern = /^K(\d{1,9})-(\d{1,9})$/;

/**
 * An idea entered for a resident: the idea's own fields (no photos), how it came, where (a
 * place, a point, or a paper form's grid square), the resident's consent and an optional
 * contact for a reply.
 */
export const assistedIdeaSchema = ideaFormSchema
  .omit({ removePhotos: true })
  .extend({
    channel: z.enum(assistedChannels, { message: 'assisted-entry:validation.channel' }),
    eventName: optionalText(120, 'assisted-entry:validation.eventNameTooLong'),
    formCode: z.preprocess(
      (value) => (typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim().toUpperCase().replace(/\s+/g, '')) : value),
      z.string({ message: 'assisted-entry:validation.formCode' }).regex(formCodePattern, { message: 'assisted-entry:validation.formCode' }).optional(),
    ),
    gridSquare: optionalText(4, 'assisted-entry:validation.gridSquare'),
    consent: z.literal('yes', { message: 'assisted-entry:validation.consent' }),
    contactName: optionalText(120, 'assisted-entry:validation.contactNameTooLong'),
    contactPhone: optionalText(40, 'assisted-entry:validation.contactPhone').refine((value) => value === undefined || /^[+()\d\s-]{5,40}$/.test(value), {
      message: 'assisted-entry:validation.contactPhone',
    }),
    contactEmail: optionalText(254, 'assisted-entry:validation.contactEmail').refine((value) => value === undefined || z.email().safeParse(value).success, {
      message: 'assisted-entry:validation.contactEmail',
    }),
  })
  .superRefine((form, ctx) => {
    if (form.channel === 'event' && !form.eventName) ctx.addIssue({ code: 'custom', path: ['eventName'], message: 'assisted-entry:validation.eventNameRequired' });
    if (form.formCode && !form.gridSquare) ctx.addIssue({ code: 'custom', path: ['gridSquare'], message: 'assisted-entry:validation.gridSquareRequired' });
    if (form.gridSquare && !form.formCode) ctx.addIssue({ code: 'custom', path: ['formCode'], message: 'assisted-entry:validation.formCodeRequired' });
  });
export type AssistedIdeaForm = z.infer<typeof assistedIdeaSchema>;

/** Staff look up a resident's contact to delete it on their request: part of a phone number or an email. */
export const contactSearchSchema = z.object({
  q: z.preprocess((value) => (Array.isArray(value) ? value[0] : value), z.string().trim().max(254).optional()),
});
