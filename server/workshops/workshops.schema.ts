import { z } from 'zod';
import { supportedLocales } from '../config';
import { requiredText } from '../http/forms';

export const workshopStates = ['draft', 'open', 'voting', 'closed'] as const;
export type WorkshopState = (typeof workshopStates)[number];
export const ballotKinds = ['workshop', 'consultation', 'chosen'] as const;
export type BallotKind = (typeof ballotKinds)[number];
export const ageGroups = ['under_13', '13_15', '16_18', '19_25', 'over_25'] as const;
export type AgeGroup = (typeof ageGroups)[number];
export const maxDotBudget = 20;

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const asList = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

// Messages are i18n keys; the view shows them beside the field.
export const workshopFormSchema = z
  .object({
    name: requiredText(120, { required: 'workshops:validation.nameRequired', tooLong: 'workshops:validation.nameTooLong' }),
    consultationId: z.coerce.number({ message: 'workshops:validation.consultation' }).int().positive({ message: 'workshops:validation.consultation' }),
    heldOn: z
      .string({ message: 'workshops:validation.date' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'workshops:validation.date' })
      .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
        message: 'workshops:validation.date',
      }),
    locale: z.enum(supportedLocales, { message: 'workshops:validation.locale' }),
    dotBudget: z.coerce
      .number({ message: 'workshops:validation.dotBudget' })
      .int({ message: 'workshops:validation.dotBudget' })
      .min(1, { message: 'workshops:validation.dotBudget' })
      .max(maxDotBudget, { message: 'workshops:validation.dotBudget' }),
    maxDotsPerIdea: z.coerce
      .number({ message: 'workshops:validation.maxDotsPerIdea' })
      .int({ message: 'workshops:validation.maxDotsPerIdea' })
      .min(1, { message: 'workshops:validation.maxDotsPerIdea' })
      .max(maxDotBudget, { message: 'workshops:validation.maxDotsPerIdea' }),
    ballot: z.enum(ballotKinds, { message: 'workshops:validation.ballot' }),
  })
  .refine((form) => form.maxDotsPerIdea <= form.dotBudget, { message: 'workshops:validation.maxAboveBudget', path: ['maxDotsPerIdea'] });
export type WorkshopForm = z.infer<typeof workshopFormSchema>;

export const ballotChoiceSchema = z.object({
  ideaIds: z.preprocess(asList, z.array(z.coerce.number().int().positive()).max(500)),
});

export const stateChangeSchema = z.object({
  to: z.enum(workshopStates, { message: 'workshops:validation.state' }),
});

// Control characters and line breaks would only be a way to disturb the facilitator's screen.
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;

export const joinFormSchema = z.object({
  nickname: z.preprocess(
    (value) => (typeof value === 'string' ? blankToUndefined(value.replace(controlCharacters, '')) : value),
    z.string().trim().max(40, { message: 'workshops:validation.nicknameTooLong' }).optional(),
  ),
  ageGroup: z.preprocess(blankToUndefined, z.enum(ageGroups, { message: 'workshops:validation.ageGroup' }).optional()),
});
export type JoinForm = z.infer<typeof joinFormSchema>;

export const dotChangeSchema = z.object({
  change: z.enum(['add', 'remove'], { message: 'workshops:validation.dotChange' }),
});
