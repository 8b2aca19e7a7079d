import { z } from 'zod';
import { contrastWithWhite, minimumMarkerContrast } from './category-colour';

/**
 * The Lucide icons an admin may give a category (drawn on its pins, filters, cards and the idea
 * page): chosen for ideas about public space, so a category is told apart by its icon as well as
 * its colour. Each name must be a file in node_modules/lucide-static/icons (tests/icons checks).
 */
export const categoryIcons = [
  'trees', 'tree-deciduous', 'sprout', 'flower-2', 'sun',
  'volleyball', 'trophy', 'baby', 'dog', 'tent',
  'bike', 'footprints', 'bus', 'car-front', 'accessibility',
  'palette', 'music', 'drama', 'landmark', 'castle', 'church',
  'waves', 'droplets', 'fish',
  'lamp', 'lightbulb', 'shield', 'recycle', 'trash-2',
  'armchair', 'store', 'house', 'users', 'heart-handshake',
] as const;
export type CategoryIcon = (typeof categoryIcons)[number];

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
