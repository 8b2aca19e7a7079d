import { z } from 'zod';
import { requiredText } from '../http/forms';

export const commentBodySchema = requiredText(2000, { required: 'comments:validation.empty', tooLong: 'comments:validation.tooLong' });

export const newCommentSchema = z.object({
  body: commentBodySchema,
  parentId: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().positive().optional()),
});
export type NewComment = z.infer<typeof newCommentSchema>;

export const editCommentSchema = z.object({ body: commentBodySchema });

export const commentOrders = ['oldest', 'newest'] as const;
export const commentPageQuerySchema = z.object({
  comments: z.enum(commentOrders).catch('oldest'),
  commentPage: z.coerce.number().int().min(1).max(10_000).catch(1),
});
