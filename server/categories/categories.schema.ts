import { z } from 'zod';
import { contrastWithWhite, minimumMarkerContrast } from './category-colour';

/** Marker shapes drawn by public/js/map-common.js: a category is told apart by shape as well as colour. */
export const categoryIcons = ['circle', 'square', 'triangle', 'diamond', 'star', 'hexagon', 'pentagon', 'cross', 'drop'] as const;

const name = z
  .string({ message: 'categories:validation.name' })
  .trim()
  .min(1, { message: 'categories:validation.name' })
  .max(80, { message: 'categories:validation.nameTooLong' });

export const categoryFormSchema = z.object({
  slug: z.string({ message: 'categories:validation.slug' }).trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'categories:validation.slug' }).max(40, { message: 'categories:validation.slug' }),
  name_lv: name,
  name_ru: name,
  name_en: name,
  icon: z.enum(categoryIcons, { message: 'categories:validation.icon' }),
  color: z
    .string({ message: 'categories:validation.color' })
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, { message: 'categories:validation.color' })
    .refine((value) => contrastWithWhite(value) >= minimumMarkerContrast, { message: 'categories:validation.contrast' }),
  position: z.coerce.number({ message: 'categories:validation.position' }).int({ message: 'categories:validation.position' }).min(0, { message: 'categories:validation.position' }).max(1000, { message: 'categories:validation.position' }),
});
export type CategoryForm = z.infer<typeof categoryFormSchema>;
