import { z } from 'zod';

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(firstValue, schema.optional());
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD' })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { message: 'must be a real date' });

export const auditTargetTypes = ['idea', 'comment', 'user', 'consultation', 'category'] as const;

/** The audit log's filters, all in the URL; `before` pages back by id. */
export const auditQuerySchema = z
  .object({
    action: optional(z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, { message: 'must be an action such as idea.hidden' })),
    actor: optional(z.coerce.number({ message: 'must be a user id' }).int().positive({ message: 'must be a user id' })),
    targetType: optional(z.enum(auditTargetTypes, { message: `must be one of ${auditTargetTypes.join(', ')}` })),
    targetId: optional(z.coerce.number({ message: 'must be an id' }).int().positive({ message: 'must be an id' })),
    from: optional(day),
    to: optional(day),
    before: optional(z.coerce.number({ message: 'must be an entry id' }).int().positive({ message: 'must be an entry id' })),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: 'must not be after "to"', path: ['from'] });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
